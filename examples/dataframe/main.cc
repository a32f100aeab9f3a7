// The C++ API in one program: SQL and the DataFrame builder over the same data.
// Builds a small events table, then asks per user: events, first and last time, and the
// running count per user ordered by time, and writes a partitioned Parquet folder.
// Usage: dataframe_example WORK_DIR   (prints the results; exit 0 on success)
#include <cstdio>
#include <string>

#include "sluice/sluice.h"

using sluice::Col;
using sluice::Lit;
namespace fn = sluice::fn;

namespace {

int Fail(const sluice::Status& st) {
  std::fprintf(stderr, "error: %s\n", st.message().c_str());
  return 2;
}

void Print(const char* title, const sluice::QueryResult& result) {
  std::printf("-- %s\n", title);
  for (const auto& row : result.Rows()) {
    for (size_t i = 0; i < row.size(); ++i) std::printf("%s%s", i ? "\t" : "", row[i].c_str());
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s WORK_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  auto db = sluice::Database::Open(dir + "/warehouse");
  if (!db.ok()) return Fail(db.status());
  sluice::Connection con = (*db)->Connect();
  if (auto st = con.Set("spark.sql.session.timeZone", "UTC"); !st.ok()) return Fail(st);

  // SQL: a table in the warehouse.
  auto created = con.Sql(R"(
    CREATE OR REPLACE TABLE events (user_id STRING, event STRING, ts TIMESTAMP, day DATE)
    USING parquet PARTITIONED BY (day);
    INSERT INTO events VALUES
      ('ann', 'open',  TIMESTAMP '2024-01-05 10:00:00', DATE '2024-01-05'),
      ('ann', 'item',  TIMESTAMP '2024-01-05 10:03:00', DATE '2024-01-05'),
      ('bob', 'open',  TIMESTAMP '2024-01-05 11:00:00', DATE '2024-01-05'),
      ('ann', 'open',  TIMESTAMP '2024-01-06 09:00:00', DATE '2024-01-06'))");
  if (!created.ok()) return Fail(created.status());

  // The DataFrame builder: the same query as
  //   SELECT user_id, count(*) AS events, min(ts) AS first, max(ts) AS last
  //   FROM events WHERE event = 'open' OR event = 'item' GROUP BY user_id ORDER BY user_id
  auto per_user = con.Table("events")
                      .Filter(Col("event") == Lit("open") || Col("event") == Lit("item"))
                      .GroupBy({Col("user_id")})
                      .Agg({fn::Count().As("events"), fn::Min(Col("ts")).As("first"),
                            fn::Max(Col("ts")).As("last")})
                      .OrderBy({Col("user_id")});
  auto rows = per_user.Collect();
  if (!rows.ok()) return Fail(rows.status());
  Print("events per user", *rows);

  auto with_rank =
      con.Table("events")
          .WithColumn("n",
                      fn::Count().Over(
                          sluice::WindowSpec().PartitionBy({Col("user_id")}).OrderBy({Col("ts")})))
          .Select({Col("user_id"), Col("event"), Col("n")})
          .OrderBy({Col("user_id"), Col("n")});
  auto ranked = with_rank.Collect();
  if (!ranked.ok()) return Fail(ranked.status());
  Print("running count per user", *ranked);

  sluice::WriteOptions out;
  out.partition_by = {"day"};
  out.mode = "overwrite";
  if (auto st = con.Table("events").Select({Col("user_id"), Col("day")}).Write(dir + "/out", out);
      !st.ok())
    return Fail(st);
  auto back =
      con.Sql("SELECT day, count(*) FROM parquet.`" + dir + "/out` GROUP BY day ORDER BY day");
  if (!back.ok()) return Fail(back.status());
  Print("written and read back", *back);
  return 0;
}
