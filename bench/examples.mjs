// Benchmark: the flyer and credit examples (examples/flyer, examples/credit) at full scale,
// run the way a user runs them, next to DuckDB doing the same work on the same data in one
// run, interleaved. Polars is not run (the examples are SQL files).
//   flyer   examples/flyer/sessionized_report.sql over the 10M-event CSV: sessions by window
//           functions, two Parquet tables partitioned by day and their CSV copies. DuckDB runs
//           the same statements in its dialect.
//   credit  examples/credit/run_day.sh once per day over 400 days of generated Parquet
//           snapshots of up to 73,000 credits (about 22M rows; three processes a day). DuckDB
//           runs the same daily steps in one process (no start-up per day).
// The outputs are compared (the whole credit table; the merchant-day table and a per-day
// fingerprint of the user-day table) before any time is printed.
//   node bench/examples.mjs [--scale 1.0] [--runs 3] [--only flyer,credit] [--timeout 1800]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { args, checkResults, dataDir, duckdb, flyerCsv, measure, printTables, root, sluice, timed } from './lib.mjs';

const scale = Number(args.scale ?? 1);
const runs = Number(args.runs ?? 3);
const timeoutSeconds = Number(args.timeout ?? 1800);
const only = args.only ? args.only.split(',') : ['flyer', 'credit'];

const outRoot = path.join(dataDir, 'examples_out');
const outDir = (example, engine) => path.join(outRoot, example, engine);
function clear(example, engine) {
  rmSync(outDir(example, engine), { recursive: true, force: true });
  mkdirSync(path.join(outDir(example, engine), 'warehouse'), { recursive: true });
}
// Rows of a DuckDB query as sorted canonical text (' | ' between values).
function canonicalRows(sql, file) {
  timed(duckdb(`COPY (${sql}) TO '${file}' (HEADER false)`));
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => line.split(',').join(' | ')).sort();
}

// --- flyer -------------------------------------------------------------------------------
const flyerRows = Math.round(10_000_000 * scale);
// The report of examples/flyer/sessionized_report.sql in DuckDB's dialect.
const duckdbFlyerReport = (events, out) => [
  "SET TimeZone = 'America/Toronto'",
  `CREATE VIEW events AS SELECT * FROM read_csv('${events}', header = true, columns = {'timestamp': 'TIMESTAMPTZ',
     'user_id': 'VARCHAR', 'event': 'VARCHAR', 'flyer_id': 'VARCHAR', 'merchant_id': 'VARCHAR'})`,
  `CREATE VIEW flyer_time AS
   WITH ordered AS (
     SELECT *, epoch(timestamp)::BIGINT - epoch(lag(timestamp) OVER by_time)::BIGINT AS since_previous,
            epoch(lead(timestamp) OVER by_time)::BIGINT - epoch(timestamp)::BIGINT AS until_next
     FROM events
     WINDOW by_time AS (PARTITION BY user_id ORDER BY timestamp, event, flyer_id, merchant_id)),
   numbered AS (
     SELECT *, sum(CASE WHEN since_previous IS NULL OR since_previous > 1800 THEN 1 ELSE 0 END)
              OVER (PARTITION BY user_id ORDER BY timestamp, event, flyer_id, merchant_id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session
     FROM ordered)
   SELECT CAST(timestamp AS DATE) AS tdate, merchant_id, flyer_id, user_id, session,
          CASE WHEN until_next IS NULL OR until_next > 1800 THEN 0 ELSE least(until_next, 600) END AS seconds
   FROM numbered WHERE event IN ('flyer_open', 'item_open')`,
  `CREATE TABLE flyer_user_day AS
   SELECT merchant_id, flyer_id, user_id, count(DISTINCT session) AS sessions, count(*) AS opens,
          sum(seconds) AS seconds, tdate
   FROM flyer_time GROUP BY tdate, merchant_id, flyer_id, user_id`,
  `CREATE TABLE merchant_day AS
   WITH reach AS (
     SELECT tdate, merchant_id, count(DISTINCT user_id) AS users, count(DISTINCT (user_id, session)) AS sessions,
            count(DISTINCT flyer_id) AS flyers
     FROM flyer_time GROUP BY tdate, merchant_id)
   SELECT r.merchant_id, r.users, r.sessions, r.flyers, round(avg(f.seconds), 2) AS avg_seconds,
          median(f.seconds) AS median_seconds, sum(f.seconds) AS total_seconds, r.tdate
   FROM reach r JOIN flyer_user_day f ON f.tdate = r.tdate AND f.merchant_id = r.merchant_id
   GROUP BY r.tdate, r.merchant_id, r.users, r.sessions, r.flyers`,
  `COPY flyer_user_day TO '${out}/warehouse/flyer_user_day' (FORMAT parquet, PARTITION_BY (tdate))`,
  `COPY merchant_day TO '${out}/warehouse/merchant_day' (FORMAT parquet, PARTITION_BY (tdate))`,
  `COPY (SELECT * FROM flyer_user_day ORDER BY tdate, merchant_id, flyer_id, user_id) TO '${out}/flyer_user_day.csv' (HEADER)`,
  `COPY (SELECT * FROM merchant_day ORDER BY tdate, merchant_id) TO '${out}/merchant_day.csv' (HEADER)`,
];
// The two tables as the engines wrote them: merchant_day whole, flyer_user_day as one
// fingerprint row per day (it has millions of rows).
function flyerResult(engine) {
  const tables = path.join(outDir('flyer', engine), 'warehouse');
  const table = (name) => `read_parquet('${tables}/${name}/**/*.parquet', hive_partitioning = true)`;
  const merchantDay = canonicalRows(`SELECT CAST(tdate AS DATE), CAST(merchant_id AS VARCHAR), users, sessions, flyers,
      avg_seconds, median_seconds, total_seconds FROM ${table('merchant_day')}`, path.join(outDir('flyer', engine), 'm.csv'));
  const userDay = canonicalRows(`SELECT CAST(tdate AS DATE), count(*), sum(sessions), sum(opens), sum(seconds),
      count(DISTINCT user_id), count(DISTINCT flyer_id) FROM ${table('flyer_user_day')} GROUP BY 1`,
  path.join(outDir('flyer', engine), 'u.csv'));
  return [...merchantDay, ...userDay.map((r) => `day ${r}`)].sort();
}
function flyerCommands() {
  const events = flyerCsv(flyerRows);
  const out = (e) => outDir('flyer', e);
  return {
    sluice: [sluice, 'sql', '--warehouse', path.join(out('sluice'), 'warehouse'), '-d', `events=${events}`,
      '-d', `out=${out('sluice')}`, '-f', path.join(root, 'examples/flyer/sessionized_report.sql')],
    duckdb: duckdb('SELECT 1 AS done', duckdbFlyerReport(events, out('duckdb'))),
  };
}

// --- credit ------------------------------------------------------------------------------
const credits = Math.max(2, Math.round(73_000 * scale));
const skipDays = '2021-02-10,2021-03-31,2021-06-30,2021-09-01,2021-09-02';
function creditLanding() {
  const dir = path.join(dataDir, `credit_landing_${credits}`);
  if (!existsSync(dir)) {
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const g = spawnSync(sluice, ['generate', 'credit', '--format', 'parquet', '--days', '400', '--credits', String(credits),
      '--skip-days', skipDays, partial], { stdio: 'inherit' });
    if (g.status !== 0) process.exit(1);
    renameSync(partial, dir);
  }
  return dir;
}
function creditCommands() {
  const landing = creditLanding();
  const days = readdirSync(landing).map((d) => d.replace('record_date=', '')).sort();
  const warehouse = (e) => path.join(outDir('credit', e), 'warehouse');
  // DuckDB: the same steps (write the day's partition; drop yesterday's unless a month ended).
  const duckdbDays = `const { DuckDBInstance } = require('@duckdb/node-api'); const fs = require('node:fs');
    (async () => { const db = await DuckDBInstance.create(':memory:'); const con = await db.connect();
    const table = ${JSON.stringify(path.join(warehouse('duckdb'), 'credit_snapshots'))};
    let latest = null;
    for (const day of ${JSON.stringify(days)}) {
      fs.mkdirSync(table + '/record_date=' + day, { recursive: true });
      await con.run("COPY (SELECT id, dim1, dim2, dim3 FROM read_parquet('${landing}/record_date=" + day +
        "/*.parquet')) TO '" + table + '/record_date=' + day + "/part-0.parquet' (FORMAT parquet)");
      if (latest && latest.slice(0, 7) === day.slice(0, 7)) fs.rmSync(table + '/record_date=' + latest, { recursive: true });
      latest = day;
    } })();`;
  const script = path.join(root, 'examples/credit/run_day.sh');
  return {
    sluice: ['sh', '-c', `for day in ${days.join(' ')}; do SLUICE='${sluice}' '${script}' '${warehouse('sluice')}' '${landing}' $day || exit 1; done`],
    duckdb: ['node', '-e', duckdbDays],
  };
}
function creditResult(engine) {
  const table = path.join(outDir('credit', engine), 'warehouse/credit_snapshots');
  return canonicalRows(`SELECT id, CAST(record_date AS DATE), dim1, dim2, dim3
    FROM read_parquet('${table}/**/*.parquet', hive_partitioning = true)`, path.join(outDir('credit', engine), 'rows.csv'));
}

const examples = {
  flyer: { commands: flyerCommands, result: flyerResult, size: `${flyerRows.toLocaleString()} events` },
  credit: { commands: creditCommands, result: creditResult, size: `400 days of up to ${credits.toLocaleString()} credits` },
};
for (const name of only) {
  if (!examples[name]) {
    console.error(`unknown example in --only: ${name}`);
    process.exit(2);
  }
}
console.log(`examples at scale ${scale}: ${only.map((n) => `${n} (${examples[n].size})`).join(', ')}; ` +
  `${runs} runs each, interleaved, timeout ${timeoutSeconds} s`);
const results = [];
let failed = false;
for (const name of only) {
  const { commands, result } = examples[name];
  const per = measure(commands(), runs, timeoutSeconds, (e) => result(e), (e) => clear(name, e));
  const { check, failed: exampleFailed } = checkResults(name, per);
  failed ||= exampleFailed;
  results.push({ name, per, check });
}
printTables(results, 'example');
process.exit(failed ? 1 : 0);
