#include "formats/csv/csv_batch_decoder.h"

#include <algorithm>
#include <cstring>

#include "common/json_text.h"
#include "formats/partition_value.h"
#include "types/text_parsing.h"

namespace sluice::formats::csv {
namespace {

std::string Shorten(std::string_view s) {
  return s.size() > 64 ? std::string(s.substr(0, 61)) + "..." : std::string(s);
}

bool SameValue(const vector::Vector& a, size_t row_a, const vector::Vector& b, size_t row_b) {
  if (a.type().IsStringLike())
    return a.data<vector::StringRef>()[row_a].view() == b.data<vector::StringRef>()[row_b].view();
  size_t width = static_cast<size_t>(a.type().FixedWidth());
  return std::memcmp(a.data<uint8_t>() + row_a * width, b.data<uint8_t>() + row_b * width, width) ==
         0;
}

void CopyValue(const vector::Vector& from, size_t from_row, vector::Vector* to, size_t to_row) {
  size_t width = static_cast<size_t>(from.type().FixedWidth());
  std::memcpy(to->data<uint8_t>() + to_row * width, from.data<uint8_t>() + from_row * width, width);
}

}  // namespace

void CsvBatchDecoder::AddRescued(uint32_t row, const std::string& name, std::string_view value) {
  std::string& json = rescued_[row];
  json += json.empty() ? "{" : ",";
  AppendJsonString(&json, name);
  json += ':';
  AppendJsonString(&json, value);
}

void CsvBatchDecoder::DecodeColumn(const RowBlock& block, size_t field, size_t column,
                                   vector::Batch* batch) {
  const LexedRows& rows = *block.rows;
  const CsvOptions& options = lexer_.options();
  const ColumnDecoder& decoder = layout_.decoders[column];
  vector::Vector& v = batch->column(column);
  const bool is_string = v.type().id() == types::TypeId::kString;
  const bool check_utf8 = is_string && !rows.known_ascii;
  const size_t n = rows.num_rows();
  // STRING and BINARY values longer than a StringRef holds inline are views into the
  // block's bytes: those keep the bytes alive. Only those: rows an operator holds would
  // keep a whole unit of the file in memory for nothing.
  const bool viewable = is_string || v.type().id() == types::TypeId::kBinary;
  bool views = false;
  const std::string& name = layout_.schema->field(column).name;
  std::string expected;  // the decoder's description, made at the first failure
  for (size_t r = 0; r < n; ++r) {
    if (field >= rows.num_fields(r)) {
      v.SetNull(r);
      continue;
    }
    const FieldSpan& span = rows.field(r, field);
    // The lexer's spans lie inside the block: no bounds check per value.
    std::string_view text(block.bytes.data() + rows.row_begin[r] + span.begin,
                          span.end - span.begin);
    bool stable = true;
    if (span.flags & FieldSpan::kNeedsUnescape) {
      lexer_.Unescape(text, &scratch_);
      text = scratch_;
      stable = false;
    }
    if (text.empty()) {
      if (!(span.flags & FieldSpan::kQuoted)) {
        v.SetNull(r);
        continue;
      }
      text = options.empty_value;
      stable = false;
    }
    if (text == options.null_value) {
      v.SetNull(r);
      continue;
    }
    if (check_utf8) {
      size_t bad = types::FindInvalidUtf8(text);
      if (bad != std::string_view::npos) {
        v.SetNull(r);
        problems_.push_back({static_cast<uint32_t>(r), static_cast<int>(column), "invalid encoding",
                             DescribeInvalidText(block.plan->encoding, bad)});
        continue;
      }
    }
    views |= viewable && stable && text.size() > vector::StringRef::kInlineBytes;
    if (!decoder.Decode(text, stable, &v, r)) {
      v.SetNull(r);
      if (layout_.rescued_data_column >= 0) {
        AddRescued(static_cast<uint32_t>(r), name, text);
      } else {
        if (expected.empty()) expected = decoder.Expected();
        // One allocation per reason: rows that all fail make this the hot path.
        std::string reason;
        reason.reserve(24 + std::min<size_t>(text.size(), 64) + expected.size());
        reason.append("cannot parse '").append(Shorten(text)).append("' as ").append(expected);
        problems_.push_back({static_cast<uint32_t>(r), static_cast<int>(column), "unparsable value",
                             std::move(reason)});
      }
    }
  }
  if (views) v.heap().Pin(block.pin);
}

Status CsvBatchDecoder::FillPartitionColumn(const RowBlock& block, size_t column,
                                            bool file_has_column, vector::Batch* batch) {
  const auto& raw =
      block.plan->source->partition_values[static_cast<size_t>(layout_.partition_index[column])];
  vector::Vector& v = batch->column(column);
  const size_t n = block.rows->num_rows();
  // A refusal (the memory limit reached) is the query's error, not a broken invariant.
  SLUICE_ASSIGN_OR_RAISE(vector::Vector value, vector::Vector::Make(v.type(), 1));
  // Folder values follow Spark's partition rules, not this file's CSV options.
  const bool unreadable =
      raw && !ParsePartitionValue(*raw, lexer_.options().session_time_zone, &value, 0);
  const bool null = !raw || unreadable;
  if (!null && v.type().IsStringLike()) {
    value.data<vector::StringRef>()[0] = v.heap().Add(*raw);
  }
  const std::string& name = layout_.schema->field(column).name;
  for (size_t r = 0; r < n; ++r) {
    if (unreadable) {
      problems_.push_back({static_cast<uint32_t>(r), static_cast<int>(column), "partition value",
                           "folder '" + name + "=" + EscapePartitionValue(*raw) + "' is not " +
                               v.type().ToString()});
    } else if (file_has_column) {
      bool file_null = v.IsNull(r);
      if (file_null && null) continue;
      if (!file_null && !null && SameValue(v, r, value, 0)) continue;
      problems_.push_back({static_cast<uint32_t>(r), static_cast<int>(column), "partition mismatch",
                           "the file's value " + (file_null ? std::string("NULL") : "differs") +
                               " from the folder's " + name + "=" +
                               (null ? std::string(kHiveDefaultPartition) : *raw)});
    }
    if (null) {
      v.SetNull(r);
    } else {
      v.validity().SetValid(r);
      CopyValue(value, 0, &v, r);
    }
  }
  return Status::OK();
}

Status CsvBatchDecoder::Decode(const RowBlock& block, vector::Batch* batch) {
  const LexedRows& rows = *block.rows;
  const CsvFilePlan& plan = *block.plan;
  const size_t n = rows.num_rows();
  batch->Reset();
  batch->set_num_rows(n);
  problems_.clear();
  if (layout_.rescued_data_column >= 0) rescued_.assign(n, std::string());

  const size_t expected = plan.header.size();
  for (size_t r = 0; r < n; ++r) {
    if (rows.row_error[r] == RowError::kUnterminatedQuote) {
      problems_.push_back({static_cast<uint32_t>(r), -1, "unterminated quote",
                           "a quoted field is not closed before the end of the " +
                               std::string(lexer_.options().multi_line ? "file" : "line")});
    }
    if (rows.num_fields(r) != expected) {
      problems_.push_back({static_cast<uint32_t>(r), -1, "field count",
                           "expected " + std::to_string(expected) + " fields, found " +
                               std::to_string(rows.num_fields(r))});
    }
  }
  std::vector<bool> column_from_file(batch->num_columns(), false);
  for (size_t f = 0; f < plan.field_to_column.size(); ++f) {
    int c = plan.field_to_column[f];
    if (c >= 0 && !layout_.parsed[static_cast<size_t>(c)]) continue;  // NULL, below
    if (c >= 0) {
      DecodeColumn(block, f, static_cast<size_t>(c), batch);
      column_from_file[static_cast<size_t>(c)] = true;
      continue;
    }
    // A field the schema has no column for: rescued, or the row is rejected if it holds data.
    for (size_t r = 0; r < n; ++r) {
      if (f >= rows.num_fields(r)) continue;
      const FieldSpan& span = rows.field(r, f);
      if (span.end == span.begin && !(span.flags & FieldSpan::kQuoted)) continue;
      std::string_view text =
          block.bytes.substr(rows.row_begin[r] + span.begin, span.end - span.begin);
      if (span.flags & FieldSpan::kNeedsUnescape) {
        lexer_.Unescape(text, &scratch_);
        text = scratch_;
      }
      if (layout_.rescued_data_column >= 0) {
        AddRescued(static_cast<uint32_t>(r), plan.header[f], text);
      } else if (rows.num_fields(r) == expected) {
        problems_.push_back({static_cast<uint32_t>(r), -1, "extra column",
                             "column '" + plan.header[f] + "' is not in the schema (value '" +
                                 Shorten(text) + "')"});
      }
    }
  }
  for (size_t c = 0; c < batch->num_columns(); ++c) {
    if (layout_.partition_index[c] >= 0) {
      SLUICE_RETURN_NOT_OK(FillPartitionColumn(block, c, column_from_file[c], batch));
    } else if (!column_from_file[c] && static_cast<int>(c) != layout_.corrupt_record_column &&
               static_cast<int>(c) != layout_.rescued_data_column) {
      // A column the query does not read (or the file lacks) is NULL: a word at a time.
      vector::ValidityMask& validity = batch->column(c).validity();
      for (size_t r = 0; r < n; r += 64) validity.SetBits(r, 0, std::min<size_t>(64, n - r));
    }
  }
  // Problems come column by column; with one column at fault they are in order already
  // (the common all-rejected case, where the sort's buffer would cost most).
  auto by_row = [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; };
  if (!std::is_sorted(problems_.begin(), problems_.end(), by_row))
    std::stable_sort(problems_.begin(), problems_.end(), by_row);

  if (layout_.rescued_data_column >= 0) {
    vector::Vector& v = batch->column(static_cast<size_t>(layout_.rescued_data_column));
    for (size_t r = 0; r < n; ++r) {
      if (rescued_[r].empty()) {
        v.SetNull(r);
        continue;
      }
      rescued_[r] += ",\"_file_path\":";
      AppendJsonString(&rescued_[r], plan.source->path);
      rescued_[r] += '}';
      v.data<vector::StringRef>()[r] = v.heap().Add(rescued_[r]);
    }
  }
  if (layout_.corrupt_record_column >= 0) {
    vector::Vector& v = batch->column(static_cast<size_t>(layout_.corrupt_record_column));
    v.heap().Pin(block.pin);
    size_t p = 0;
    for (size_t r = 0; r < n; ++r) {
      bool bad = p < problems_.size() && problems_[p].row == r;
      while (p < problems_.size() && problems_[p].row == r) ++p;
      if (!bad) {
        v.SetNull(r);
        continue;
      }
      std::string_view raw =
          block.bytes.substr(rows.row_begin[r], rows.row_end[r] - rows.row_begin[r]);
      v.data<vector::StringRef>()[r] = vector::StringRef(raw);
    }
  }
  return Status::OK();
}

}  // namespace sluice::formats::csv
