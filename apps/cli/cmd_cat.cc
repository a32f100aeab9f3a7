// `sluice cat PATH`: prints rows as a table, CSV or JSON lines.
#include <iostream>

#include "commands.h"
#include "formats/csv/csv_writer.h"
#include "main/result_format_json.h"
#include "main/result_format_table.h"
#include "progress_bar.h"
#include "read_options.h"
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
  auto& reader = opened->reader;
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
  auto pattern = [](const std::optional<types::DateTimeFormat>& f) { return f ? &*f : nullptr; };
  const main::JsonTextOptions json{.zone = &*zone,
                                   .date_format = pattern(style->date_format),
                                   .timestamp_format = pattern(style->timestamp_format),
                                   .timestamp_ntz_format = pattern(style->timestamp_ntz_format)};
  ProgressBar progress([&reader] { return reader->bytes_done(); }, reader->total_bytes());
  Status st = formats::ReadTable(
      *reader, opened->Filtered([&](size_t, const vector::Batch& batch) -> Status {
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
            std::string line;
            main::AppendJsonRow(schema, batch, row, json, &line);
            std::printf("%s\n", line.c_str());
          }
        }
        printed += take;
        return printed >= limit ? Status::Cancelled("limit reached") : Status::OK();
      }),
      /*ordered=*/true);
  progress.Finish();
  if (st.ok() && csv) st = csv->Finish();
  if (!st.ok()) return Fail(st.message());
  if (o.format == "table") {
    std::vector<std::string> header;
    for (const types::Field& field : schema.fields()) header.push_back(field.name);
    main::WriteTable(header, table, o.truncate, std::cout);
  }
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
  cmd->add_option(
      "--truncate", o->truncate,
      "Cut table cells to this many characters, right-aligned; 0 keeps all, left-aligned "
      "(default 20)");
  cmd->callback([o] { ExitCode() = RunCat(*o); });
}

}  // namespace sluice::cli
