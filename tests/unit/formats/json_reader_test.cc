// The JSON files reader: fields by name, nested values, modes and rejects, line handling,
// byte ranges, inference, partitions, compression, multiLine; and the JSON lines writer.
// Expected rows are written by hand (Spark's semantics), never taken from the reader.
#include "functions/json_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "csv_test_util.h"
#include "formats/json/json_lines_writer.h"
#include "formats/json/json_records.h"
#include "functions/json_schema_inference.h"
#include "io/compression.h"

namespace sluice::formats::json {
namespace {

using csv::FsWith;
using csv::ReadResult;
using csv::Rows;

ReadResult ReadJson(std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
                    const std::map<std::string, std::string>& options,
                    const std::string& schema = "", bool case_sensitive = false,
                    uint64_t range_bytes = 0) {
  ReadResult result;
  auto tz = *types::TimeZone::Load("UTC");
  auto o = JsonReadOptions::FromMap(options, tz);
  if (!o.ok()) {
    result.status = o.status();
    return result;
  }
  o->case_sensitive = case_sensitive;
  o->range_bytes = range_bytes;
  std::optional<types::Schema> parsed;
  if (!schema.empty()) parsed = *types::ParseSchema(schema);
  auto reader = OpenJsonReader(fs, paths, *o, parsed);
  if (!reader.ok()) {
    result.status = reader.status();
    return result;
  }
  csv::ReadAll(**reader, tz, /*ordered=*/range_bytes == 0, result);
  return result;
}

TEST(JsonReader, FieldsByNameMissingAndExtra) {
  auto fs = FsWith({{"/d/f.json", "{\"B\":\"x\",\"a\":1,\"extra\":[1,{}]}\n{\"a\":2}\n"}});
  ReadResult r = ReadJson(fs, {"/d/f.json"}, {}, "a INT, b STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "x"}, {"2", "NULL"}}));
  EXPECT_TRUE(r.rejects.empty());
  // An exact name wins over one that differs in case, before or after it.
  fs = FsWith(
      {{"/d/g.json", "{\"b\":\"exact\",\"B\":\"folded\"}\n{\"B\":\"folded\",\"b\":\"exact\"}\n"}});
  r = ReadJson(fs, {"/d/g.json"}, {}, "b STRING");
  EXPECT_EQ(r.rows, (Rows{{"exact"}, {"exact"}}));
  fs = FsWith({{"/d/f.json", "{\"B\":\"x\",\"a\":1,\"extra\":[1,{}]}\n{\"a\":2}\n"}});
  // spark.sql.caseSensitive=true: "B" is not column b.
  r = ReadJson(fs, {"/d/f.json"}, {}, "a INT, b STRING", /*case_sensitive=*/true);
  EXPECT_EQ(r.rows, (Rows{{"1", "NULL"}, {"2", "NULL"}}));
}

TEST(JsonReader, NestedValuesDatesAndEscapes) {
  auto fs = FsWith({{"/f.json",
                     "{\"s\":{\"x\":1,\"y\":[\"a\",null]},\"m\":{\"k\":7},\"d\":\"2024-02-29\","
                     "\"t\":\"2024-01-02T03:04:05Z\",\"u\":\"q\\\"\\u00e9\\n\"}\n"}});
  ReadResult r = ReadJson(fs, {"/f.json"}, {},
                          "s STRUCT<x: INT, y: ARRAY<STRING>>, m MAP<STRING, BIGINT>, d DATE, "
                          "t TIMESTAMP, u STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(
      r.rows,
      (Rows{{"{1, [a, NULL]}", "{k -> 7}", "2024-02-29", "2024-01-02 03:04:05", "q\"\u00e9\n"}}));
}

const char* kMalformed = "{\"a\":1}\n{\"a\":\n{\"a\":\"x\",\"b\":2}\n[1]\n{\"a\":3}\n";

TEST(JsonReader, PermissiveKeepsRowsAndCorruptRecord) {
  auto fs = FsWith({{"/d/f.json", kMalformed}});
  ReadResult r = ReadJson(fs, {"/d/f.json"}, {}, "a INT, b INT, _corrupt_record STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "NULL", "NULL"},
                          {"NULL", "NULL", "{\"a\":"},
                          {"NULL", "2", "{\"a\":\"x\",\"b\":2}"},  // partial result
                          {"NULL", "NULL", "[1]"},
                          {"3", "NULL", "NULL"}}));
  ASSERT_EQ(r.rejects.size(), 3u);
  EXPECT_EQ(r.rejects[0].file, "/d/f.json");
  EXPECT_EQ(r.rejects[0].line, 2u);
  EXPECT_EQ(r.rejects[0].byte_offset, 8u);
  EXPECT_EQ(r.rejects[1].line, 3u);
  EXPECT_EQ(r.rejects[1].column, "a");
  EXPECT_EQ(r.rejects[2].line, 4u);
  EXPECT_EQ(r.rejects[2].raw, "[1]");
  EXPECT_EQ(r.rejects[1].reason, "expected INT, found the string \"x\"");
  EXPECT_EQ(r.stats.rows_rejected, 3u);
  // Without the corrupt-record column the rows are kept all the same.
  r = ReadJson(fs, {"/d/f.json"}, {}, "a INT");
  EXPECT_EQ(r.rows, (Rows{{"1"}, {"NULL"}, {"NULL"}, {"NULL"}, {"3"}}));
  // columnNameOfCorruptRecord names another column.
  r = ReadJson(fs, {"/d/f.json"}, {{"columnNameOfCorruptRecord", "bad"}}, "a INT, bad STRING");
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"NULL", "{\"a\":"}));
}

TEST(JsonReader, DropMalformedAndFailFast) {
  auto fs = FsWith({{"/d/f.json", kMalformed}});
  ReadResult r = ReadJson(fs, {"/d/f.json"}, {{"mode", "DROPMALFORMED"}}, "a INT");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1"}, {"3"}}));
  EXPECT_EQ(r.rejects.size(), 3u);
  r = ReadJson(fs, {"/d/f.json"}, {{"mode", "failfast"}}, "a INT");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("/d/f.json:2"), std::string::npos) << r.status.ToString();
  r = ReadJson(fs, {"/d/f.json"}, {{"mode", "nonsense"}}, "a INT");
  EXPECT_FALSE(r.status.ok());
}

TEST(JsonReader, CrLfAndBlankLines) {
  auto fs =
      FsWith({{"/f.json", "\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n{\"a\":2}\r\n{oops\r\n{\"a\":3}"}});
  ReadResult r = ReadJson(fs, {"/f.json"}, {}, "a INT");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1"}, {"2"}, {"NULL"}, {"3"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 5u);
  EXPECT_EQ(r.rejects[0].raw, "{oops");  // without the \r
}

// A range as large as the file after a byte-order mark is the whole file (begin + target
// overflowed and the split never ended; found by json_fuzz).
TEST(JsonReader, OneRangeWhenTheTargetCoversTheRest) {
  const std::string text = "\xEF\xBB\xBF\n{}\n{}\n";
  EXPECT_EQ(json::SplitAtLines(text, 3, UINT64_MAX), std::vector<uint64_t>{3});
  EXPECT_EQ(json::SplitAtLines(text, 3, 1), (std::vector<uint64_t>{3, 4, 7}));
}

TEST(JsonReader, ByteRangesSplitAtLines) {
  std::string text;
  Rows expected;
  for (int i = 0; i < 500; ++i) {
    text += i == 321
                ? "{\"a\": broken}\n"
                : "{\"a\":" + std::to_string(i) + ",\"s\":\"" + std::string(i % 13, 'x') + "\"}\n";
    expected.push_back({i == 321 ? "NULL" : std::to_string(i)});
  }
  auto fs = FsWith({{"/f.json", text}});
  for (uint64_t range : {uint64_t{1}, uint64_t{7}, uint64_t{100}, uint64_t{4096}}) {
    ReadResult r = ReadJson(fs, {"/f.json"}, {}, "a INT", false, range);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    Rows sorted = r.rows;
    auto by_number = [](const std::vector<std::string>& x, const std::vector<std::string>& y) {
      auto n = [](const std::string& s) { return s == "NULL" ? 321 : std::stoi(s); };
      return n(x[0]) < n(y[0]);
    };
    std::sort(sorted.begin(), sorted.end(), by_number);
    EXPECT_EQ(sorted, expected) << "range " << range;
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].line, 322u) << "range " << range;
  }
}

TEST(JsonReader, ArrayOfObjectsIsRows) {
  auto fs = FsWith({{"/f.json", "[{\"a\":1},{\"a\":2}]\n[]\n{\"a\":3}\n"}});
  ReadResult r = ReadJson(fs, {"/f.json"}, {}, "a BIGINT");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1"}, {"2"}, {"3"}}));
}

TEST(JsonReader, InfersSchemaAsSpark) {
  auto fs = FsWith({{"/f.json",
                     "{\"b\":1,\"a\":\"x\"}\n{\"b\":1.5,\"c\":[1,2],\"f\":1}\n"
                     "{\"c\":[],\"d\":null,\"e\":{\"z\":true,\"y\":[1.5,2]},\"f\":\"s\"}\n"}});
  ReadResult r = ReadJson(fs, {"/f.json"}, {});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.schema,
            "a STRING, b DOUBLE, c ARRAY<BIGINT>, d STRING, e STRUCT<y: ARRAY<DOUBLE>, z: "
            "BOOLEAN>, f STRING");
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"NULL", "1.5", "[1, 2]", "NULL", "NULL", "1"}));
  // A malformed line adds the corrupt-record column (PERMISSIVE), sorted with the others.
  fs = FsWith({{"/g.json", "{\"b\":1}\n{bad\n{\"a\":true}\n"}});
  r = ReadJson(fs, {"/g.json"}, {});
  EXPECT_EQ(r.schema, "_corrupt_record STRING, a BOOLEAN, b BIGINT");
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"{bad", "NULL", "NULL"}));
  r = ReadJson(fs, {"/g.json"}, {{"mode", "DROPMALFORMED"}});
  EXPECT_EQ(r.schema, "a BOOLEAN, b BIGINT");
  r = ReadJson(fs, {"/g.json"}, {{"mode", "FAILFAST"}});
  EXPECT_FALSE(r.status.ok());
  r = ReadJson(fs, {"/g.json"}, {{"primitivesAsString", "true"}, {"mode", "DROPMALFORMED"}});
  EXPECT_EQ(r.schema, "a STRING, b STRING");
  // Names equal but for case are one column to Spark (caseSensitive=false): an error.
  fs = FsWith({{"/c.json", "{\"a\":1}\n{\"B\":1,\"A\":2}\n"}});
  r = ReadJson(fs, {"/c.json"}, {});
  EXPECT_NE(r.status.message().find("COLUMN_ALREADY_EXISTS"), std::string::npos);
  r = ReadJson(fs, {"/c.json"}, {}, "", /*case_sensitive=*/true);
  EXPECT_EQ(r.schema, "A BIGINT, B BIGINT, a BIGINT");
  // Nothing to infer from.
  fs = FsWith({{"/e.json", "\n"}});
  EXPECT_FALSE(ReadJson(fs, {"/e.json"}, {}).status.ok());
}

// Random records of a few shapes: the reader's inference (which skips records whose shape
// it has seen) gives the type that merging every record's own type gives.
TEST(JsonReader, InferenceOverManyRecordsMergesEveryRecord) {
  std::mt19937 rng(11);
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  std::vector<int> kinds;  // a few kinds of value per round, so not all widen to STRING
  std::function<std::string(int)> value = [&](int depth) -> std::string {
    int kind = kinds[pick(static_cast<int>(kinds.size()))];
    if (depth > 2 && kind >= 6) kind = 0;
    switch (kind) {
      case 0:
        return "null";
      case 1:
        return std::to_string(pick(1000) - 500);
      case 2:
        return std::to_string(pick(1000)) + ".25";
      case 3:
        return pick(2) ? "true" : "false";
      case 4:
        return "\"s" + std::to_string(pick(9)) + "\"";
      case 5:
        return pick(20) == 0 ? "18446744073709551000" : "7";
      case 6: {
        std::string a = "[";
        for (int i = pick(3); i > 0; --i) a += value(depth + 1) + (i > 1 ? "," : "");
        return a + "]";
      }
      default: {
        std::string o = "{";
        for (int i = pick(3); i > 0; --i)
          o += "\"k" + std::to_string(pick(4)) + "\":" + value(depth + 1) + (i > 1 ? "," : "");
        return o + "}";
      }
    }
  };
  for (int round = 0; round < 40; ++round) {
    kinds = {pick(8), pick(8), pick(8)};
    std::string text;
    std::vector<std::string> records;
    for (int i = 0; i < 200; ++i) {
      std::string o = "{";
      for (int f = pick(4); f > 0; --f)
        o += "\"f" + std::to_string(pick(5)) + "\":" + value(0) + (f > 1 ? "," : "");
      records.push_back(o + "}");
      text += records.back() + "\n";
    }
    functions::JsonInferOptions infer{.primitives_as_string = round % 7 == 3,
                                      .prefers_decimal = round % 5 == 1};
    simdjson::dom::parser parser;
    types::LogicalType want(types::TypeId::kNull);
    for (const std::string& r : records)
      want = functions::MergeJsonTypes(
          want, functions::InferJsonValueType(*functions::ParseJson(parser, r), infer));
    want = functions::CanonicalJsonType(want);
    std::map<std::string, std::string> options{{"mode", "DROPMALFORMED"}};
    if (infer.primitives_as_string) options["primitivesAsString"] = "true";
    if (infer.prefers_decimal) options["prefersDecimal"] = "true";
    ReadResult r = ReadJson(FsWith({{"/r.json", text}}), {"/r.json"}, options);
    if (want.children().empty()) continue;
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.schema, types::Schema(want.children()).ToDdl()) << "round " << round;
  }
}

TEST(JsonReader, PartitionsCompressionAndMultiLine) {
  std::string gz = *io::Compress(io::Codec::kGzip, "{\"a\":2}\n{\"a\":3}\n");
  auto fs = FsWith({{"/t/p=1/a.json", "{\"a\":1}\n"}, {"/t/p=2/b.json.gz", gz}});
  ReadResult r = ReadJson(fs, {"/t"}, {});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.schema, "a BIGINT, p INT");
  EXPECT_EQ(r.rows, (Rows{{"1", "1"}, {"2", "2"}, {"3", "2"}}));
  fs = FsWith({{"/m.json", "[\n {\"a\": 1},\n {\"a\": 2}\n]\n"}});
  r = ReadJson(fs, {"/m.json"}, {{"multiLine", "true"}});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1"}, {"2"}}));
}

TEST(JsonReader, LenientOptionsAndDatePatterns) {
  auto fs = FsWith({{"/f.json", "{'a':'x','d':'02/29/2024','n':NaN}\n"}});
  ReadResult r =
      ReadJson(fs, {"/f.json"}, {{"dateFormat", "MM/dd/yyyy"}}, "a STRING, d DATE, n DOUBLE");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"x", "2024-02-29", "NaN"}}));
  r = ReadJson(fs, {"/f.json"}, {{"allowSingleQuotes", "false"}}, "a STRING");
  EXPECT_EQ(r.rows, (Rows{{"NULL"}}));
  EXPECT_FALSE(ReadJson(fs, {"/f.json"}, {{"noSuchOption", "1"}}, "a STRING").status.ok());
}

// Spark's default year is 1970, a common year: "02-29" by MM-dd matches the pattern but is
// no date. Spark 3.5's files reader fails the query in every mode (SparkUpgradeException),
// as from_json does; a value that does not match the pattern stays NULL.
TEST(JsonReader, LeapDayWithoutYearFailsInEveryMode) {
  auto fs = FsWith({{"/f.json", "{\"d\":\"03-01\"}\n{\"d\":\"02-29\"}\n{\"d\":\"x\"}\n"}});
  for (const char* mode : {"PERMISSIVE", "DROPMALFORMED", "FAILFAST"}) {
    ReadResult r = ReadJson(fs, {"/f.json"}, {{"dateFormat", "MM-dd"}, {"mode", mode}}, "d DATE");
    ASSERT_FALSE(r.status.ok()) << mode;
    EXPECT_NE(r.status.message().find("PARSE_DATETIME_BY_NEW_PARSER"), std::string::npos)
        << r.status.ToString();
  }
  fs = FsWith({{"/f.json", "{\"d\":\"03-01\"}\n{\"d\":\"x\"}\n"}});
  ReadResult r = ReadJson(fs, {"/f.json"}, {{"dateFormat", "MM-dd"}}, "d DATE");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1970-03-01"}, {"NULL"}}));
}

TEST(JsonLinesWriter, WritesSparkJsonLines) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto tz = *types::TimeZone::Load("UTC");
  types::Schema schema = *types::ParseSchema("a INT, s STRING, d DATE");
  auto batch = *vector::Batch::Make(std::make_shared<const types::Schema>(schema));
  batch.column(0).data<int32_t>()[0] = 1;
  batch.column(1).data<vector::StringRef>()[0] = batch.column(1).heap().Add("q\"\n");
  batch.column(2).data<int32_t>()[0] = 19782;  // 2024-02-29
  batch.column(0).SetNull(1);
  batch.column(1).SetNull(1);
  batch.column(2).data<int32_t>()[1] = 0;
  batch.set_num_rows(2);
  auto o = *JsonReadOptions::FromMap({}, tz);
  auto w = *JsonLinesWriter::Open(*fs, "/out.json", schema, o);
  ASSERT_TRUE(w->WriteRows(batch, {0, 1}, {0, 1, 2}).ok());
  ASSERT_TRUE(w->Finish().ok());
  EXPECT_EQ(*fs->ReadAll("/out.json"),
            "{\"a\":1,\"s\":\"q\\\"\\n\",\"d\":\"2024-02-29\"}\n{\"d\":\"1970-01-01\"}\n");
}

}  // namespace
}  // namespace sluice::formats::json
