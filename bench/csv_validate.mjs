// Benchmark: a full, typed parse of the flyer events CSV by Sluice (`sluice validate`),
// DuckDB and Polars (both from npm), in one run on the same file. Each engine parses every
// column to the same types (timestamp with offset -> instant, ids -> INT). Prints the
// median wall time and peak memory of whole processes, and the ratios to DuckDB.
//   node bench/csv_validate.mjs [--rows 10000000] [--runs 5]
import { statSync } from 'node:fs';
import { args, duckdb, duckdbFlyerColumns, flyerCsv, flyerSchema, median, sluice, timed } from './lib.mjs';

const rows = Number(args.rows ?? 10_000_000);
const runs = Number(args.runs ?? 5);
const file = flyerCsv(rows);
const bytes = statSync(file).size;

const duckdbSql = `SELECT count(*), count("timestamp"), count(user_id), count(event), count(flyer_id),
  count(merchant_id) FROM read_csv('${file}', header = true, columns = ${duckdbFlyerColumns})`;
const polarsScript = `
  const pl = require('nodejs-polars');
  const df = pl.readCSV('${file}', { dtypes: { timestamp: pl.Utf8, user_id: pl.Utf8, event: pl.Utf8,
    flyer_id: pl.Int32, merchant_id: pl.Int32 } })
    .withColumns(pl.col('timestamp').str.strptime(pl.Datetime('ms'), '%Y-%m-%dT%H:%M:%S%z'));
  console.log(JSON.stringify([df.height, df.getColumn('timestamp').nullCount()]));`;

const engines = [
  ['sluice', [sluice, 'validate', file, '-q', '-o', 'header=true', '--conf', 'spark.sql.session.timeZone=UTC',
    '--schema', flyerSchema]],
  ['duckdb', duckdb(duckdbSql)],
  ['polars', ['node', '-e', polarsScript]],
];

console.log(`file: ${file} (${rows.toLocaleString()} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB), ${runs} runs each, interleaved`);
const results = Object.fromEntries(engines.map(([name]) => [name, { seconds: [], mib: [] }]));
for (let i = 0; i < runs; i++) {
  for (const [name, cmd] of engines) {
    const t = timed(cmd);
    results[name].seconds.push(t.seconds);
    results[name].mib.push(t.mib);
    if (i === 0) console.log(`  ${name} output: ${t.out.trim().split('\n').slice(0, 3).join(' | ')}`);
  }
}
const duck = median(results.duckdb.seconds);
const duckMem = median(results.duckdb.mib);
console.log('\nengine   median s   MiB/s   peak MiB   time / duckdb   memory / duckdb');
for (const [name] of engines) {
  const s = median(results[name].seconds);
  const m = median(results[name].mib);
  console.log(`${name.padEnd(8)} ${s.toFixed(2).padStart(8)} ${(bytes / 2 ** 20 / s).toFixed(0).padStart(7)} ` +
    `${m.toFixed(0).padStart(10)} ${(s / duck).toFixed(2).padStart(15)} ${(m / duckMem).toFixed(2).padStart(17)}`);
}
