// Benchmark: the four analytical jobs of the seed workloads (issue 9), each run by Sluice
// (`sluice sql`), DuckDB and Polars (both from npm) on the same generated data in one run,
// interleaved. Each job is one SQL text for Sluice and DuckDB (table references and the few
// dialect differences adapted) and a Polars lazy query; every engine writes the job's result
// as Parquet, which DuckDB reads back into canonical sorted rows to check that the engines
// agree before any time is printed (a mismatch, or Sluice failing a job, makes the exit code 1).
// With --quarter, Sluice then runs each job again with --memory-limit set to a quarter of its
// median unlimited peak (the issue's larger-than-memory target: it must finish, at most 3x
// slower), its result checked against the unlimited one.
//   node bench/seed_jobs.mjs [--scale 1.0] [--runs 3] [--only NAME[,NAME]] [--timeout 900] [--quarter]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { args, checkResults, convertOnce, dataDir, duckdb, flyerCsv, flyerSchema, measure, median, printTables, sameRows, sluice, timed } from './lib.mjs';

const scale = Number(args.scale ?? 1);
const runs = Number(args.runs ?? 3);
const timeoutSeconds = Number(args.timeout ?? 900);
const only = args.only ? args.only.split(',') : null;

// Data, made once by the generators (scale 1: the issue's sizes).
const flyerRows = Math.round(10_000_000 * scale);
const events = convertOnce(flyerCsv(flyerRows), path.join(dataDir, `flyer_${flyerRows}.parquet`), flyerSchema);
function generated(name, generatorArgs) {
  const dir = path.join(dataDir, name);
  if (!existsSync(dir)) {
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    if (spawnSync(sluice, ['generate', ...generatorArgs(partial)], { stdio: 'inherit' }).status !== 0) process.exit(1);
    renameSync(partial, dir);
  }
  return dir;
}
const rowsPerDay = Math.max(1, Math.round(19_200 * scale));
const billing = generated(`billing_${rowsPerDay}`, (out) => ['billing', out, '--rows-per-day', String(rowsPerDay)]);
const credits = Math.max(2, Math.round(73_000 * scale));
const credit = generated(`credit_${credits}`, (out) => ['credit', out, '--credits', String(credits)]);

const billingSchema = 'timestamp TIMESTAMP, resource_id STRING, user_id INT, credit_usage DOUBLE, region STRING, ' +
  'service_tier STRING, operation_type STRING, success BOOLEAN, resource_type STRING, invoice_id STRING, currency STRING, ' +
  'year INT, month INT, day INT';
const creditSchema = 'id STRING, record_date DATE, dim1 INT, dim2 INT, dim3 INT';
const duckdbColumns = (ddl) => `{${ddl.split(', ').map((c) => {
  const [name, type] = c.split(' ');
  return `'${name}': '${{ STRING: 'VARCHAR', INT: 'INTEGER' }[type] ?? type}'`;
}).join(', ')}}`;

// Per engine: the tables (E flyer events, B billing CSVs, C credit snapshot CSVs) and the
// dialect differences (S: a timestamp as seconds since the epoch).
const dialects = {
  sluice: {
    E: `parquet.\`${events}\``,
    B: `read_files('${billing}', format => 'csv', header => true, schema => '${billingSchema}')`,
    C: `read_files('${credit}', format => 'csv', header => true, schema => '${creditSchema}')`,
    S: (ts) => `unix_timestamp(${ts})`,
  },
  duckdb: {
    E: `read_parquet('${events}')`,
    B: `read_csv('${billing}/*/*/*/billing.csv', header = true, hive_partitioning = false, columns = ${duckdbColumns(billingSchema)})`,
    C: `read_csv('${credit}/*/part-0.csv', header = true, hive_partitioning = false, columns = ${duckdbColumns(creditSchema)})`,
    S: (ts) => `epoch(${ts})`,
  },
};

// The jobs: SQL over a dialect t, the Polars lazy query over E, B, C, the result's columns with
// their canonical types, and the column the output is partitioned by (none: one file).
const flyerEvents = `event IN ('flyer_open', 'item_open')`;
const order = 'ORDER BY ts, event, flyer_id';
const jobs = [
  {
    name: 'time_on_flyer',
    sql: (t) => `SELECT user_id, count(*) AS flyers, avg(span) AS avg_span
      FROM (SELECT user_id, flyer_id, ${t.S('max(timestamp)')} - ${t.S('min(timestamp)')} AS span
            FROM ${t.E} WHERE ${flyerEvents} GROUP BY user_id, flyer_id) AS per_flyer
      GROUP BY user_id`,
    polars: `E.filter(pl.col('event').isIn(['flyer_open', 'item_open']))
      .groupBy(['user_id', 'flyer_id']).agg(SECONDS.max().sub(SECONDS.min()).alias('span'))
      .groupBy('user_id').agg(pl.len().alias('flyers'), pl.col('span').mean().alias('avg_span'))`,
    columns: { user_id: 'VARCHAR', flyers: 'BIGINT', avg_span: 'DOUBLE' },
  },
  {
    name: 'session_flyer',
    sql: (t) => `WITH ev AS (
        SELECT user_id, flyer_id, event, ${t.S('timestamp')} AS ts FROM ${t.E} WHERE ${flyerEvents}),
      marked AS (
        SELECT *, CASE WHEN ts - lag(ts) OVER (PARTITION BY user_id ${order}) <= 1800 THEN 0 ELSE 1 END AS new_session
        FROM ev),
      sessions AS (
        SELECT *, sum(new_session) OVER (PARTITION BY user_id ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session
        FROM marked),
      gaps AS (
        SELECT user_id, flyer_id, session,
          least(coalesce(lead(ts) OVER (PARTITION BY user_id, session ${order}) - ts, 0), 600) AS gap
        FROM sessions),
      per_flyer AS (
        SELECT user_id, flyer_id, sum(gap) AS seconds, max(session) AS last_session FROM gaps GROUP BY user_id, flyer_id)
      SELECT user_id, max(last_session) AS sessions, count(*) AS flyers, avg(seconds) AS avg_seconds,
        sum(seconds) AS total_seconds
      FROM per_flyer GROUP BY user_id`,
    polars: `E.filter(pl.col('event').isIn(['flyer_open', 'item_open']))
      .select('user_id', 'flyer_id', 'event', SECONDS.alias('ts'))
      .sort(['user_id', 'ts', 'event', 'flyer_id'])
      .withColumns(pl.when(pl.col('ts').sub(pl.col('ts').shift(1).over('user_id')).lessThanEquals(1800))
        .then(pl.lit(0)).otherwise(pl.lit(1)).alias('new_session'))
      .withColumns(pl.col('new_session').cumSum().over('user_id').alias('session'))
      .withColumns(pl.col('ts').shift(-1).over(['user_id', 'session']).sub(pl.col('ts')).fillNull(0).alias('gap'))
      .withColumns(pl.when(pl.col('gap').greaterThan(600)).then(pl.lit(600)).otherwise(pl.col('gap')).alias('gap'))
      .groupBy(['user_id', 'flyer_id']).agg(pl.col('gap').sum().alias('seconds'), pl.col('session').max().alias('last_session'))
      .groupBy('user_id').agg(pl.col('last_session').max().alias('sessions'), pl.len().alias('flyers'),
        pl.col('seconds').mean().alias('avg_seconds'), pl.col('seconds').sum().alias('total_seconds'))`,
    columns: { user_id: 'VARCHAR', sessions: 'BIGINT', flyers: 'BIGINT', avg_seconds: 'DOUBLE', total_seconds: 'DOUBLE' },
  },
  {
    name: 'billing',
    sql: (t) => `SELECT user_id, year, month, sum(credit_usage) AS total, avg(credit_usage) AS average, count(*) AS n
      FROM ${t.B} GROUP BY user_id, year, month`,
    polars: `B.groupBy(['user_id', 'year', 'month']).agg(pl.col('credit_usage').sum().alias('total'),
      pl.col('credit_usage').mean().alias('average'), pl.len().alias('n'))`,
    columns: { user_id: 'INTEGER', year: 'INTEGER', month: 'INTEGER', total: 'DOUBLE', average: 'DOUBLE', n: 'BIGINT' },
  },
  {
    name: 'credit_retention',
    sql: (t) => `SELECT id, dim1, dim2, dim3, record_date FROM ${t.C}
      QUALIFY row_number() OVER (PARTITION BY id, year(record_date), month(record_date) ORDER BY record_date DESC) = 1`,
    // (id, record_date) is unique: the row of a credit's latest date in the month is the first.
    polars: `C.filter(pl.col('record_date').eq(pl.col('record_date').max()
        .over(['id', pl.col('record_date').dt.year(), pl.col('record_date').dt.month()])))
      .select('id', 'dim1', 'dim2', 'dim3', 'record_date')`,
    columns: { id: 'VARCHAR', record_date: 'DATE', dim1: 'INTEGER', dim2: 'INTEGER', dim3: 'INTEGER' },
    partitionBy: 'record_date',
  },
].filter((j) => !only || only.includes(j.name));
if (only && jobs.length !== only.length) {
  console.error(`unknown job in --only ${args.only}`);
  process.exit(2);
}

// Where each engine writes a job's output: a folder per engine, cleared before each run.
const outRoot = path.join(dataDir, 'seed_jobs_out');
const outDir = (job, engine) => path.join(outRoot, job.name, engine);
const resultPath = (job, engine) => path.join(outDir(job, engine), job.partitionBy ? 'result' : 'result.parquet');

function commands(job, memoryLimit = []) {
  const sluiceSql = (sql) => [sluice, 'sql', ...memoryLimit, '--conf', 'spark.sql.session.timeZone=UTC',
    '--warehouse', path.join(outDir(job, 'sluice'), 'warehouse'), ...sql];
  const duckdbCopy = `COPY (${job.sql(dialects.duckdb)}) TO '${resultPath(job, 'duckdb')}' ` +
    `(FORMAT parquet${job.partitionBy ? `, PARTITION_BY (${job.partitionBy})` : ''})`;
  const polarsWrite = job.partitionBy
    ? `for (const part of df.partitionBy(${JSON.stringify(job.partitionBy)}, true, true)) {
         const dir = out + '/${job.partitionBy}=' + part.getColumn(${JSON.stringify(job.partitionBy)}).cast(pl.Utf8).toArray()[0];
         require('node:fs').mkdirSync(dir, { recursive: true });
         part.drop(${JSON.stringify(job.partitionBy)}).writeParquet(dir + '/part-0.parquet');
       }`
    : 'df.writeParquet(out);';
  return {
    sluice: sluiceSql(job.partitionBy
      ? ['-e', `CREATE TABLE result USING parquet PARTITIONED BY (${job.partitionBy}) LOCATION '${resultPath(job, 'sluice')}' AS ${job.sql(dialects.sluice)}`]
      : ['--output', resultPath(job, 'sluice'), '-e', job.sql(dialects.sluice)]),
    duckdb: duckdb(duckdbCopy, ["SET TimeZone = 'UTC'"]),
    polars: ['node', '-e', `const pl = require('nodejs-polars');
      const E = pl.scanParquet(${JSON.stringify(events)});
      const B = pl.scanCSV(${JSON.stringify(`${billing}/*/*/*/billing.csv`)}, { hasHeader: true, schema: {
        timestamp: pl.Utf8, resource_id: pl.Utf8, user_id: pl.Int32, credit_usage: pl.Float64, region: pl.Utf8,
        service_tier: pl.Utf8, operation_type: pl.Utf8, success: pl.Bool, resource_type: pl.Utf8, invoice_id: pl.Utf8,
        currency: pl.Utf8, year: pl.Int32, month: pl.Int32, day: pl.Int32 } });
      const C = pl.scanCSV(${JSON.stringify(`${credit}/*/part-0.csv`)}, { hasHeader: true, schema: {
        id: pl.Utf8, record_date: pl.Date, dim1: pl.Int32, dim2: pl.Int32, dim3: pl.Int32 } });
      const SECONDS = pl.col('timestamp').dt.timestamp().div(1000);
      const out = ${JSON.stringify(resultPath(job, 'polars'))};
      (async () => { const df = await (${job.polars}).collect(); ${polarsWrite} })();`],
  };
}

// An engine's output, read back by DuckDB: its columns cast to the job's types, as CSV lines
// sorted, then canonical rows (' | ' between values).
function readBack(job, engine) {
  const file = resultPath(job, engine);
  const source = job.partitionBy ? `read_parquet('${file}/**/*.parquet', hive_partitioning = true)` : `read_parquet('${file}')`;
  const select = Object.entries(job.columns).map(([c, type]) => `CAST(${c} AS ${type}) AS ${c}`).join(', ');
  const canon = path.join(outDir(job, engine), 'canonical.csv');
  timed(duckdb(`COPY (SELECT ${select} FROM ${source} ORDER BY ALL) TO '${canon}' (HEADER false)`));
  return readFileSync(canon, 'utf8').split('\n').filter(Boolean).map((line) => line.split(',').join(' | '));
}
function clear(job, engine) {
  rmSync(outDir(job, engine), { recursive: true, force: true });
  mkdirSync(outDir(job, engine), { recursive: true });
}

console.log(`seed jobs at scale ${scale}: flyer ${flyerRows.toLocaleString()} events, billing 365 days x ` +
  `${rowsPerDay.toLocaleString()} rows, credit 400 days of up to ${credits.toLocaleString()} credits; ` +
  `${runs} runs each, interleaved, timeout ${timeoutSeconds} s`);
const results = [];
let failed = false;
for (const job of jobs) {
  const per = measure(commands(job), runs, timeoutSeconds, (e) => readBack(job, e), (e) => clear(job, e));
  const { check, failed: jobFailed } = checkResults(job.name, per);
  failed ||= jobFailed;
  results.push({ name: job.name, per, check });
}
printTables(results, 'job');

// --quarter: each job again on Sluice alone, under a quarter of its unlimited peak.
if ('quarter' in args) {
  console.log('\nSluice under --memory-limit = a quarter of its unlimited peak (median seconds)');
  console.log(`${'job'.padEnd(16)} ${'peak MiB'.padStart(9)} ${'limit'.padStart(9)} ${'wall'.padStart(9)} ${'x unlim.'.padStart(9)} ${'peak MiB'.padStart(9)}   result`);
  for (const { name, per } of results) {
    const job = jobs.find((j) => j.name === name);
    if (per.sluice.status !== 'ok') continue;
    const limitMiB = Math.max(1, Math.floor(median(per.sluice.mib) / 4));
    const cmds = { sluice: commands(job, ['--memory-limit', `${limitMiB}MiB`]).sluice };
    const limited = measure(cmds, runs, timeoutSeconds, (e) => readBack(job, e), (e) => clear(job, e)).sluice;
    const ok = limited.status === 'ok';
    const same = ok && sameRows(limited.result, per.sluice.result);
    failed ||= !same;
    console.log(`${name.padEnd(16)} ${median(per.sluice.mib).toFixed(0).padStart(9)} ${`${limitMiB}MiB`.padStart(9)} ` +
      `${(ok ? median(limited.s).toFixed(2) : limited.status.toUpperCase()).padStart(9)} ` +
      `${(ok ? (median(limited.s) / median(per.sluice.s)).toFixed(2) : '-').padStart(9)} ` +
      `${(ok ? median(limited.mib).toFixed(0) : '-').padStart(9)}   ${ok ? (same ? 'same rows' : 'MISMATCH') : limited.message}`);
  }
}
process.exit(failed ? 1 : 0);
