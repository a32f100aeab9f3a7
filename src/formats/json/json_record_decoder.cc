#include "formats/json/json_record_decoder.h"

#include "common/text.h"

namespace sluice::formats::json {

using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

bool HasDecimal(const types::LogicalType& t) {
  if (t.id() == types::TypeId::kDecimal) return true;
  for (const types::Field& f : t.children())
    if (HasDecimal(f.type)) return true;
  return false;
}

// Long numbers are kept exact (a slower parse) only when a DECIMAL column needs them:
// BIGINT values parse exactly either way.
functions::JsonLeniency LeniencyFor(const types::Schema& schema, const std::vector<size_t>& columns,
                                    functions::JsonLeniency leniency) {
  for (size_t c : columns) leniency.exact_numbers |= HasDecimal(schema.field(c).type);
  return leniency;
}

}  // namespace

JsonRecordDecoder::JsonRecordDecoder(const types::Schema& schema,
                                     const std::vector<size_t>& read_columns,
                                     const JsonReadOptions& options)
    : schema_(schema),
      read_columns_(read_columns),
      case_sensitive_(options.case_sensitive),
      reader_(options.date_times, options.leniency, options.session_time_zone,
              functions::ParseMode::kPermissive),
      leniency_(LeniencyFor(schema, read_columns, options.leniency)),
      present_(schema.size(), Match::kNone) {
  for (size_t c : read_columns) {
    exact_.emplace(schema.field(c).name, c);
    folded_.emplace(AsciiLower(schema.field(c).name), c);
  }
}

std::optional<element> JsonRecordDecoder::Parse(std::string_view text) {
  return functions::ParseJson(parser_, text, leniency_);
}

int JsonRecordDecoder::ColumnOf(std::string_view name, bool* exact) const {
  *exact = true;
  if (auto it = exact_.find(std::string(name)); it != exact_.end())
    return static_cast<int>(it->second);
  *exact = false;
  if (case_sensitive_) return -1;
  auto it = folded_.find(AsciiLower(name));
  return it == folded_.end() ? -1 : static_cast<int>(it->second);
}

Result<bool> JsonRecordDecoder::ReadObject(simdjson::dom::object o, vector::Batch& batch,
                                           size_t row, RecordProblem* problem) {
  std::fill(present_.begin(), present_.end(), Match::kNone);
  bool ok = true;
  for (auto field : o) {
    bool exact;
    const int c = ColumnOf(field.key, &exact);
    if (c < 0 || (!exact && present_[c] == Match::kExact)) continue;
    vector::Vector& column = batch.column(c);
    present_[c] = exact ? Match::kExact : Match::kFolded;
    if (field.value.type() == element_type::NULL_VALUE) {
      column.SetNull(row);
      continue;
    }
    // The row may hold a NULL of a dropped row's earlier attempt: valid unless it fails.
    column.validity().SetValid(row);
    SLUICE_ASSIGN_OR_RAISE(bool read, reader_.ReadValue(field.value, column, row));
    if (read) continue;
    column.SetNull(row);
    if (ok) {
      ok = false;
      problem->column = schema_.field(c).name;
      problem->reason =
          "expected " + schema_.field(c).type.ToString() + ", found " + JsonKindName(field.value);
    }
  }
  for (size_t c : read_columns_)
    if (present_[c] == Match::kNone) batch.column(c).SetNull(row);
  return ok;
}

void JsonRecordDecoder::SetNullRow(vector::Batch& batch, size_t row) {
  for (size_t c : read_columns_) batch.column(c).SetNull(row);
}

std::string JsonKindName(element e) {
  switch (e.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::STRING: {
      // A long number kept exact (json_reader.h) is a marked string.
      if (std::string_view(e).substr(0, 1) == std::string_view("\0", 1))
        return "the number " + functions::JsonElementText(e);
      std::string_view text = std::string_view(e);
      if (text.size() > 40) {  // cut at a character's first byte
        size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut);
      }
      return "the string \"" + std::string(text) + "\"";
    }
    case element_type::BOOL:
      return bool(e) ? "true" : "false";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "the number " + functions::JsonElementText(e);
  }
}

}  // namespace sluice::formats::json
