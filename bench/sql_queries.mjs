// Benchmark: the SQL shapes the seed workloads need, run by Sluice (`sluice sql`), DuckDB
// and Polars (both from npm) on the same Parquet file in one run. Each query is one SQL text
// that Sluice (Spark dialect) and DuckDB both accept (only the table reference differs) and
// the equivalent Polars lazy query. Every run is a separate process; runs are interleaved.
// Prints medians of wall time, CPU seconds and peak memory, the ratios of Sluice to the peers,
// and checks that the three engines' results agree (a mismatch makes the exit code 1).
//   node bench/sql_queries.mjs [--rows 5000000] [--runs 3] [--only NAME[,NAME]] [--timeout 600]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, checkResults, convertOnce, dataDir, duckdb, duckdbFlyerColumns, flyerCsv, flyerSchema, measure, median, printTables, sluice } from './lib.mjs';

const rows = Number(args.rows ?? 5_000_000);
const runs = Number(args.runs ?? 3);
const timeoutSeconds = Number(args.timeout ?? 600);
const only = args.only ? args.only.split(',') : null;

// Data: the flyer events as CSV and as one Parquet file, and a merchants dimension table.
const csv = flyerCsv(rows);
const events = path.join(dataDir, `flyer_${rows}.parquet`);
const merchantsCsv = path.join(dataDir, 'merchants.csv');
const merchants = path.join(dataDir, 'merchants.parquet');
convertOnce(csv, events, flyerSchema);
if (!existsSync(merchants)) {
  // Merchants 1..10,000 (the events use 100..622), regions spread deterministically.
  const regions = ['atlantic', 'quebec', 'ontario', 'prairies', 'pacific', 'north'];
  let text = 'merchant_id,name,region\n';
  for (let id = 1; id <= 10_000; id++) text += `${id},merchant_${String(id).padStart(5, '0')},${regions[(id * 7) % 11 % 6]}\n`;
  writeFileSync(merchantsCsv, text);
  convertOnce(merchantsCsv, merchants, 'merchant_id INT, name STRING, region STRING');
}

// Table references per engine: E the events, M the merchants, C the events CSV.
const tables = {
  sluice: {
    E: `parquet.\`${events}\``,
    M: `parquet.\`${merchants}\``,
    C: `read_files('${csv}', format => 'csv', header => true, schema => '${flyerSchema}')`,
  },
  duckdb: {
    E: `read_parquet('${events}')`,
    M: `read_parquet('${merchants}')`,
    C: `read_csv('${csv}', header = true, columns = ${duckdbFlyerColumns})`,
  },
};

// Each query: SQL over the table references t.E, t.M, t.C, and the Polars equivalent over
// the lazy frames E, M, C. Queries with a row per user are wrapped in a summary (row count,
// sums, extremes over every result column) so that every engine computes the whole result
// but prints a few values.
const queries = [
  {
    name: 'scan_count',
    sql: (t) => `SELECT count(*) AS n FROM ${t.E} WHERE event = 'flyer_open'`,
    polars: `E.filter(pl.col('event').eq(pl.lit('flyer_open'))).select(pl.len().alias('n'))`,
  },
  {
    name: 'group_by_small',
    sql: (t) => `SELECT event, count(*) AS n FROM ${t.E} GROUP BY event ORDER BY event`,
    polars: `E.groupBy('event').agg(pl.len().alias('n')).sort('event')`,
  },
  {
    name: 'group_by_large',
    sql: (t) => `SELECT count(*) AS users, sum(events) AS events, sum(flyers) AS flyers, min(first_ts) AS first_ts, max(last_ts) AS last_ts
      FROM (SELECT user_id, count(*) AS events, count(DISTINCT flyer_id) AS flyers, min(timestamp) AS first_ts,
              max(timestamp) AS last_ts FROM ${t.E} GROUP BY user_id) AS per_user`,
    polars: `E.groupBy('user_id').agg(pl.len().alias('events'), pl.col('flyer_id').dropNulls().nUnique().alias('flyers'),
        pl.col('timestamp').min().alias('first_ts'), pl.col('timestamp').max().alias('last_ts'))
      .select(pl.len().alias('users'), pl.col('events').sum(), pl.col('flyers').sum(), pl.col('first_ts').min(), pl.col('last_ts').max())`,
  },
  {
    name: 'join_dim',
    sql: (t) => `SELECT m.region, count(*) AS events, sum(e.flyer_id) AS flyer_sum
      FROM ${t.E} AS e JOIN ${t.M} AS m ON e.merchant_id = m.merchant_id GROUP BY m.region ORDER BY m.region`,
    polars: `E.join(M, { on: 'merchant_id', how: 'inner' }).groupBy('region')
      .agg(pl.len().alias('events'), pl.col('flyer_id').cast(pl.Int64).sum().alias('flyer_sum')).sort('region')`,
  },
  {
    name: 'window_rank',
    sql: (t) => `SELECT count(*) AS users, sum(CASE WHEN event = 'flyer_open' THEN 1 ELSE 0 END) AS first_is_open,
        sum(hour(timestamp) * 3600 + minute(timestamp) * 60 + second(timestamp)) AS second_sum,
        min(timestamp) AS min_ts, max(timestamp) AS max_ts
      FROM (SELECT user_id, timestamp, event,
              row_number() OVER (PARTITION BY user_id ORDER BY timestamp, event) AS rn FROM ${t.E}) AS ranked
      WHERE rn = 1`,
    // Polars' way to keep the first row per group in an order: sort, then first() per group.
    polars: `E.select('user_id', 'timestamp', 'event').sort(['timestamp', 'event']).groupBy('user_id')
        .agg(pl.col('timestamp').first(), pl.col('event').first())
      .select(pl.len().alias('users'), pl.col('event').eq(pl.lit('flyer_open')).cast(pl.Int64).sum().alias('first_is_open'),
        pl.col('timestamp').dt.hour().cast(pl.Int64).mul(3600).add(pl.col('timestamp').dt.minute().cast(pl.Int64).mul(60))
          .add(pl.col('timestamp').dt.second().cast(pl.Int64)).sum().alias('second_sum'),
        pl.col('timestamp').min().alias('min_ts'), pl.col('timestamp').max().alias('max_ts'))`,
  },
  {
    name: 'sort_limit',
    sql: (t) => `SELECT timestamp, user_id, event FROM ${t.E} ORDER BY timestamp DESC, user_id, event LIMIT 100`,
    polars: `E.select('timestamp', 'user_id', 'event').sort(['timestamp', 'user_id', 'event'], [true, false, false]).limit(100)`,
  },
  {
    name: 'distinct_users',
    sql: (t) => `SELECT count(DISTINCT user_id) AS users FROM ${t.E}`,
    polars: `E.select(pl.col('user_id').nUnique().alias('users'))`,
  },
  {
    name: 'date_trunc_hour',
    sql: (t) => `SELECT date_trunc('hour', timestamp) AS hour, count(*) AS events FROM ${t.E}
      GROUP BY date_trunc('hour', timestamp) ORDER BY hour`,
    polars: `E.groupBy(pl.col('timestamp').dt.truncate('1h').alias('hour')).agg(pl.len().alias('events')).sort('hour')`,
  },
  {
    name: 'csv_group_by',
    sql: (t) => `SELECT event, count(*) AS n FROM ${t.C} GROUP BY event ORDER BY event`,
    polars: `C.groupBy('event').agg(pl.len().alias('n')).sort('event')`,
  },
].filter((q) => !only || only.includes(q.name));
if (only && queries.length !== only.length) {
  console.error(`unknown query in --only ${args.only}`);
  process.exit(2);
}

// A node process running a Polars lazy query and printing its rows as JSON.
const polars = (query) => ['node', '-e', `const pl = require('nodejs-polars');
  const E = pl.scanParquet(${JSON.stringify(events)});
  const M = pl.scanParquet(${JSON.stringify(merchants)});
  const C = pl.scanCSV(${JSON.stringify(csv)}, { hasHeader: true,
    schema: { timestamp: pl.Utf8, user_id: pl.Utf8, event: pl.Utf8, flyer_id: pl.Int32, merchant_id: pl.Int32 } });
  (async () => { const df = await (${query}).collect();
    console.log(JSON.stringify({ columns: df.columns, rows: df.rows() }, (k, v) => (typeof v === 'bigint' ? String(v) : v))); })();`];

const sluiceSql = (sql) => [sluice, 'sql', '--format', 'csv', '--conf', 'spark.sql.session.timeZone=UTC', '-e', sql];
const commands = (q) => ({
  sluice: sluiceSql(q.sql(tables.sluice)),
  duckdb: duckdb(q.sql(tables.duckdb), ["SET TimeZone = 'UTC'"]),
  polars: polars(q.polars),
});

// Results as sorted lists of rows of canonical text: timestamps as UTC 'YYYY-MM-DD HH:MM:SS',
// numbers without trailing zeros, NULL for a missing value.
function canonical(value) {
  if (value === null || value === undefined || value === '') return 'NULL';
  const s = String(value);
  const ts = s.match(/^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?$/);
  if (ts) {
    const zone = ts[4] === undefined ? 'Z' : ts[4].length === 3 ? `${ts[4]}:00` : ts[4];
    return new Date(`${ts[1]}T${ts[2]}${ts[3] ?? ''}${zone}`).toISOString().slice(0, 19).replace('T', ' ');
  }
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) {
    const n = Number(s);
    return Number.isInteger(n) ? String(n) : n.toPrecision(12).replace(/\.?0+$/, '');
  }
  return s;
}
function parseResult(engine, out) {
  if (engine === 'sluice') {
    // `--format csv`: a header line, then values (ours hold no commas or quotes).
    const lines = out.trimEnd().split('\n');
    return lines.slice(1).map((l) => l.split(',').map(canonical).join(' | ')).sort();
  }
  const { rows: r } = JSON.parse(out.trim().split('\n').pop());
  return r.map((row) => row.map(canonical).join(' | ')).sort();
}

// The interleaved runs: per query, per run, every engine once; then the check.
const results = [];
console.log(`events: ${events} (${rows.toLocaleString()} rows, ${(statSync(events).size / 2 ** 20).toFixed(0)} MiB; ` +
  `CSV ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB), ${runs} runs each, interleaved, timeout ${timeoutSeconds} s`);
let failed = false;
for (const q of queries) {
  const per = measure(commands(q), runs, timeoutSeconds, parseResult);
  const { check, failed: queryFailed } = checkResults(q.name, per);
  failed ||= queryFailed;
  results.push({ name: q.name, per, check });
}

// Process start-up: `SELECT 1`, wall time of 20 direct spawns each (no /usr/bin/time between).
function startupMs(cmd, times) {
  const ms = [];
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) return null;
  }
  return median(ms);
}
const startup = {
  sluice: startupMs(sluiceSql('SELECT 1'), 20),
  duckdb: startupMs(duckdb('SELECT 1'), 20),
  polars: startupMs(['node', '-e', `const pl = require('nodejs-polars'); console.log(pl.DataFrame({ a: [1] }).height);`], 20),
};

printTables(results);
const ms = (x) => (x === null ? 'FAILED' : `${x.toFixed(1)} ms`);
console.log(`\nstart-up, SELECT 1, median of 20 runs: sluice ${ms(startup.sluice)} (target < 20 ms); ` +
  `duckdb ${ms(startup.duckdb)}, polars ${ms(startup.polars)} (node, module; included in their figures above)`);
if (startup.sluice === null) failed = true;
process.exit(failed ? 1 : 0);
