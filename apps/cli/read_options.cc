#include "read_options.h"

#include "io/file_system.h"
#include "types/text_parsing.h"

namespace sluice::cli {

Result<std::pair<std::string, std::string>> SplitKeyValue(const std::string& text,
                                                          const std::string& flag) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Status::Invalid(flag + " expects key=value, found '" + text + "'");
  }
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

void ReadOptions::AddTo(CLI::App* command) {
  command->add_option("paths", paths, "Files, folders or globs to read")->required();
  command->add_option("-o,--option", options,
                      "Reader option key=value with Spark's names (header, sep, inferSchema, mode, "
                      "timestampFormat, ...); repeatable");
  command->add_option("--conf", confs,
                      "Session setting key=value (spark.sql.session.timeZone, "
                      "spark.sql.caseSensitive); repeatable");
  command->add_option(
      "--schema", schema,
      "Schema as DDL ('id INT, ts TIMESTAMP'), StructType JSON, or a file holding either");
  command
      ->add_option("--input-format", input_format,
                   "csv, parquet or json; default: by the first file's extension (.parquet, "
                   ".json, .jsonl, any case) or its leading bytes (PAR1)")
      ->check(CLI::IsMember({"csv", "parquet", "json"}));
  command->add_option("--where", where,
                      "Keep only rows where this SQL condition is true (any Spark SQL boolean "
                      "expression over the columns; its simple conjuncts let Parquet skip row "
                      "groups and partitions that cannot match)");
}

Result<SessionSettings> ReadOptions::Session() const {
  SessionSettings settings;
  for (const std::string& conf : confs) {
    SLUICE_ASSIGN_OR_RAISE(auto kv, SplitKeyValue(conf, "--conf"));
    if (kv.first == "spark.sql.session.timeZone") {
      SLUICE_ASSIGN_OR_RAISE(settings.time_zone, types::TimeZone::Load(kv.second));
    } else if (kv.first == "spark.sql.caseSensitive") {
      if (!types::ParseBoolean(kv.second, &settings.case_sensitive)) {
        return Status::Invalid("spark.sql.caseSensitive should be true or false, found '" +
                               kv.second + "'");
      }
    } else {
      return Status::Invalid("unknown setting '" + kv.first +
                             "' (known: spark.sql.session.timeZone, spark.sql.caseSensitive)");
    }
  }
  return settings;
}

Result<types::TimeZone> ReadOptions::SessionTimeZone() const {
  SLUICE_ASSIGN_OR_RAISE(SessionSettings settings, Session());
  return settings.time_zone;
}

formats::BatchSink OpenedInput::Filtered(formats::BatchSink sink) const {
  if (!where) return sink;
  return [where = where, sink = std::move(sink)](size_t worker, const vector::Batch& batch) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, where->Apply(batch));
    return kept.num_rows() == 0 ? Status::OK() : sink(worker, kept);
  };
}

Result<OpenedInput> ReadOptions::Open() const {
  std::map<std::string, std::string> map;
  for (const std::string& o : options) {
    SLUICE_ASSIGN_OR_RAISE(auto kv, SplitKeyValue(o, "-o"));
    map[kv.first] = kv.second;
  }
  SLUICE_ASSIGN_OR_RAISE(SessionSettings session, Session());
  std::optional<types::Schema> parsed;
  if (!schema.empty()) {
    std::string text = schema;
    auto fs = io::LocalFileSystem();
    // A path to a schema file is read; anything else is the schema itself.
    if (text.find_first_of("{ ,") == std::string::npos && fs->Exists(text)) {
      SLUICE_ASSIGN_OR_RAISE(text, fs->ReadAll(text));
    }
    auto s = types::ParseSchema(text);
    if (!s.ok()) return s.status().WithContext("--schema");
    parsed = *s;
  }
  OpenedInput opened;
  SLUICE_ASSIGN_OR_RAISE(opened.reader, formats::OpenTableReader(
                                            io::LocalFileSystem(), paths, input_format, map,
                                            session.time_zone, parsed, {}, session.case_sensitive));
  if (where.empty()) return opened;
  auto filter = main::WhereFilter::Make(where, *opened.reader->schema(), session.time_zone,
                                        session.case_sensitive);
  if (!filter.ok()) return filter.status().WithContext("--where");
  opened.where = *filter;
  // Its simple conjuncts let the reader skip partitions, row groups and rows.
  if (!opened.where->pushdown().empty()) {
    SLUICE_ASSIGN_OR_RAISE(
        opened.reader,
        formats::OpenTableReader(io::LocalFileSystem(), paths, input_format, map, session.time_zone,
                                 parsed, opened.where->pushdown(), session.case_sensitive));
  }
  return opened;
}

}  // namespace sluice::cli
