// `sluice cat PATH`: prints rows as a table, CSV or JSON lines.
#include <cmath>

#include "commands.h"
#include "common/json_text.h"
#include "formats/csv/csv_writer.h"
#include "progress_bar.h"
#include "read_options.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "vector/value_formatter.h"

namespace sluice::cli {
namespace {

class StdoutStream final : public io::OutputStream {
 public:
  Status Write(std::string_view bytes) override {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
      return Status::IOError("cannot write to standard output");
    }
    return Status::OK();
  }
  Status Finish() override {
    std::fflush(stdout);
    return Status::OK();
  }
};

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

// `style` carries the session zone and the date/time patterns (Spark's JSON options).
std::string JsonValue(const vector::Vector& v, size_t row, const formats::csv::CsvOptions& style);

// Jackson's writeBinary, which Spark's to_json uses: standard base64 with padding.
std::string Base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// Nested values as Spark's to_json writes them: arrays, objects, maps keyed by the key's text.
std::string JsonNested(const vector::Vector& v, size_t row, const formats::csv::CsvOptions& style) {
  const types::TimeZone& zone = style.session_time_zone;
  using types::TypeId;
  switch (v.type().id()) {
    case TypeId::kArray: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      std::string out = "[";
      for (uint32_t i = 0; i < e.length; ++i)
        out += (i ? "," : "") + JsonValue(v.children()[0], e.offset + i, style);
      return out + "]";
    }
    case TypeId::kMap: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      std::string out = "{";
      for (uint32_t i = 0; i < e.length; ++i) {
        const vector::Vector& keys = v.children()[0];
        out += (i ? "," : "") + JsonString(vector::FormatValue(keys, e.offset + i, zone)) + ":" +
               JsonValue(v.children()[1], e.offset + i, style);
      }
      return out + "}";
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < v.children().size(); ++i) {
        out += (i ? "," : "") + JsonString(v.type().children()[i].name) + ":" +
               JsonValue(v.children()[i], row, style);
      }
      return out + "}";
    }
    default:
      return "null";
  }
}

std::string JsonValue(const vector::Vector& v, size_t row, const formats::csv::CsvOptions& style) {
  using types::TypeId;
  const types::TimeZone& zone = style.session_time_zone;
  if (v.IsNull(row)) return "null";
  if (v.type().IsNested()) return JsonNested(v, row, style);
  // to_json's default patterns; -O dateFormat / timestampFormat / timestampNTZFormat as in Spark.
  static const auto kTimestamp = *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  static const auto kTimestampNtz = *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSS");
  switch (v.type().id()) {
    case TypeId::kBinary:
      return JsonString(Base64(v.data<vector::StringRef>()[row].view()));
    case TypeId::kDate:
      if (!style.date_format) break;
      return JsonString(style.date_format->Format(
          static_cast<int64_t>(v.data<int32_t>()[row]) * types::kMicrosPerDay, 0, ""));
    case TypeId::kTimestamp: {
      const int64_t utc = v.data<int64_t>()[row];
      const int offset = zone.OffsetSecondsAt(utc);
      const auto& format = style.timestamp_format ? *style.timestamp_format : kTimestamp;
      return JsonString(format.Format(utc + static_cast<int64_t>(offset) * types::kMicrosPerSecond,
                                      offset, zone.name()));
    }
    case TypeId::kTimestampNtz: {
      const auto& format = style.timestamp_ntz_format ? *style.timestamp_ntz_format : kTimestampNtz;
      return JsonString(format.Format(v.data<int64_t>()[row], 0, ""));
    }
    default:
      break;
  }
  std::string text = vector::FormatValue(v, row, zone);
  switch (v.type().id()) {
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
    case TypeId::kDecimal:
      return text;
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d = v.type().id() == TypeId::kFloat ? v.data<float>()[row] : v.data<double>()[row];
      return std::isfinite(d) ? text : JsonString(text);  // JSON has no NaN or Infinity
    }
    default:
      return JsonString(text);
  }
}

// Spark's show(): right-aligned cells, long values cut to `truncate` characters.
void PrintTable(const types::Schema& schema, const std::vector<std::vector<std::string>>& rows,
                size_t truncate) {
  auto cut = [truncate](const std::string& s) {
    if (truncate == 0 || s.size() <= truncate) return s;
    return truncate < 4 ? s.substr(0, truncate) : s.substr(0, truncate - 3) + "...";
  };
  std::vector<size_t> width(schema.size(), 3);
  for (size_t c = 0; c < schema.size(); ++c)
    width[c] = std::max(width[c], cut(schema.field(c).name).size());
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], cut(row[c]).size());
  }
  std::string line = "+";
  for (size_t w : width) line += std::string(w, '-') + "+";
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string v = cut(cells[c]);
      out += std::string(width[c] - v.size(), ' ') + v + "|";
    }
    std::printf("%s\n", out.c_str());
  };
  std::printf("%s\n", line.c_str());
  std::vector<std::string> names;
  for (const auto& f : schema.fields()) names.push_back(f.name);
  print_row(names);
  std::printf("%s\n", line.c_str());
  for (const auto& row : rows) print_row(row);
  std::printf("%s\n", line.c_str());
}

struct CatOptions {
  ReadOptions read;
  int64_t limit = 20;  // only for the table unless given: csv and json print every row
  CLI::Option* limit_option = nullptr;
  std::string format = "table";
  size_t truncate = 20;
  std::vector<std::string> write_options;  // key=value: Spark's CSV/JSON writer options
};

int RunCat(const CatOptions& o) {
  auto opened = o.read.Open();
  if (!opened.ok()) return Fail(opened.status().message());
  auto& reader = *opened;
  auto zone = o.read.SessionTimeZone();
  if (!zone.ok()) return Fail(zone.status().message());
  const types::Schema& schema = *reader->schema();
  const bool all = o.limit < 0 || (o.format != "table" && o.limit_option->count() == 0);
  const uint64_t limit = all ? UINT64_MAX : static_cast<uint64_t>(o.limit);
  uint64_t printed = 0;
  std::vector<std::vector<std::string>> table;
  std::map<std::string, std::string> style_map;
  for (const std::string& option : o.write_options) {
    auto kv = SplitKeyValue(option, "-O");
    if (!kv.ok()) return Fail(kv.status().message());
    style_map[kv->first] = kv->second;
  }
  auto style = formats::csv::CsvOptions::FromMap(style_map, *zone);
  if (!style.ok()) return Fail(style.status().WithContext("-O").message());
  std::unique_ptr<formats::csv::CsvWriter> csv;
  if (o.format == "csv") {
    style->header = true;
    auto writer = formats::csv::CsvWriter::Make(std::make_unique<StdoutStream>(), schema, *style);
    if (!writer.ok()) return Fail(writer.status().message());
    csv = std::move(*writer);
  } else if (o.format != "table" && o.format != "json") {
    return Fail("--format must be table, csv or json, found '" + o.format + "'");
  }
  ProgressBar progress([&reader] { return reader->bytes_done(); }, reader->total_bytes());
  Status st = reader->Read(
      [&](size_t, const vector::Batch& batch) -> Status {
        const uint64_t take = std::min<uint64_t>(batch.num_selected(), limit - printed);
        progress.AddRows(take);
        if (csv) SLUICE_RETURN_NOT_OK(csv->Write(batch, take));
        for (size_t i = 0; i < take && !csv; ++i) {
          size_t row = batch.selected_row(i);
          if (o.format == "table") {
            std::vector<std::string> cells;
            for (size_t c = 0; c < batch.num_columns(); ++c)
              cells.push_back(vector::FormatValue(batch.column(c), row, *zone));
            table.push_back(std::move(cells));
          } else {
            std::string line = "{";
            for (size_t c = 0; c < batch.num_columns(); ++c) {
              if (c > 0) line += ",";
              line +=
                  JsonString(schema.field(c).name) + ":" + JsonValue(batch.column(c), row, *style);
            }
            std::printf("%s}\n", line.c_str());
          }
        }
        printed += take;
        return printed >= limit ? Status::Cancelled("limit reached") : Status::OK();
      },
      /*ordered=*/true);
  progress.Finish();
  if (st.ok() && csv) st = csv->Finish();
  if (!st.ok()) return Fail(st.message());
  if (o.format == "table") PrintTable(schema, table, o.truncate);
  return 0;
}

}  // namespace

void AddCatCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("cat", "Print rows of files as a table, CSV or JSON lines");
  auto o = std::make_shared<CatOptions>();
  o->read.AddTo(cmd);
  o->limit_option = cmd->add_option(
      "--limit,-n", o->limit,
      "Rows to print; -1 for all (default: 20 for the table, all for csv and json)");
  cmd->add_option("--format,-f", o->format, "table, csv or json (one object per row)");
  cmd->add_option(
      "-O,--write-option", o->write_options,
      "csv/json output option key=value with Spark's names (dateFormat, timestampFormat, "
      "timestampNTZFormat; for csv also sep, quote, ...); repeatable");
  cmd->add_option("--truncate", o->truncate,
                  "Cut table cells to this many characters; 0 keeps all (default 20)");
  cmd->callback([o] { ExitCode() = RunCat(*o); });
}

}  // namespace sluice::cli
