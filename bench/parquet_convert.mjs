// Benchmark: the flyer events CSV converted to snappy Parquet by Sluice, DuckDB and
// Polars (same column types), like with like: one file against one file, and a folder of
// per-thread files against DuckDB's PER_THREAD_OUTPUT folder; then a full scan of every
// column of each engine's single file. Prints medians of whole-process wall time, CPU
// seconds (user + system) and peak memory, output sizes, and ratios to DuckDB, whose
// process start-up is measured on its own first.
//   node bench/parquet_convert.mjs [--rows 10000000] [--runs 3]
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { args, dataDir, duckdb, duckdbFlyerColumns, flyerCsv, flyerSchema, median, sluice, timed } from './lib.mjs';

const rows = Number(args.rows ?? 10_000_000);
const runs = Number(args.runs ?? 3);
const csv = flyerCsv(rows);
const outDir = path.join(dataDir, 'parquet_out');
const sluiceConvert = (target) => [sluice, 'convert', csv, target, '-o', 'header=true', '--schema', flyerSchema, '--mode', 'overwrite'];
const duckdbCopy = (target, extra) => duckdb(`COPY (SELECT * FROM read_csv('${csv}', header = true, columns = ${duckdbFlyerColumns}))
      TO '${target}' (FORMAT parquet, COMPRESSION snappy${extra})`);

// Like with like: one file against one file, a folder of per-thread files against DuckDB's.
const single = { sluice: path.join(outDir, 'sluice.parquet'), duckdb: path.join(outDir, 'duckdb.parquet'), polars: path.join(outDir, 'polars.parquet') };
const folder = { sluice: path.join(outDir, 'sluice_folder'), duckdb: path.join(outDir, 'duckdb_folder') };
const convertSingle = {
  sluice: sluiceConvert(single.sluice),
  duckdb: duckdbCopy(single.duckdb, ''),
  polars: ['node', '-e', `const pl = require('nodejs-polars');
    pl.readCSV('${csv}', { dtypes: { timestamp: pl.Utf8, user_id: pl.Utf8, event: pl.Utf8, flyer_id: pl.Int32, merchant_id: pl.Int32 } })
      .withColumns(pl.col('timestamp').str.strptime(pl.Datetime('ms'), '%Y-%m-%dT%H:%M:%S%z'))
      .writeParquet('${single.polars}', { compression: 'snappy' });`],
};
const convertFolder = {
  sluice: sluiceConvert(folder.sluice),
  duckdb: duckdbCopy(folder.duckdb, ', PER_THREAD_OUTPUT true'),
};
const scan = {
  sluice: [sluice, 'validate', single.sluice],
  duckdb: duckdb(`SELECT count(*), count("timestamp"), count(user_id), count(event), count(flyer_id), count(merchant_id) FROM read_parquet('${single.duckdb}')`),
  polars: ['node', '-e', `const pl = require('nodejs-polars'); const df = pl.readParquet('${single.polars}');
    console.log(df.height, df.nullCount().toRecords()[0]);`],
};

const sizeOf = (p) => (statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + statSync(path.join(p, f)).size, 0) : statSync(p).size);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function report(title, commands, before) {
  const results = {};
  for (const name of Object.keys(commands)) results[name] = { s: [], cpu: [], m: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, cmd] of Object.entries(commands)) {
      if (before) before(name);
      const t = timed(cmd);
      results[name].s.push(t.seconds);
      results[name].cpu.push(t.cpu);
      results[name].m.push(t.mib);
    }
  }
  console.log(`\n${title}\nengine   median s    CPU s   peak MiB   time / duckdb   memory / duckdb`);
  const ds = median(results.duckdb.s);
  const dm = median(results.duckdb.m);
  for (const [name, r] of Object.entries(results)) {
    const s = median(r.s);
    const m = median(r.m);
    console.log(`${name.padEnd(8)} ${s.toFixed(2).padStart(8)} ${median(r.cpu).toFixed(2).padStart(8)} ${m.toFixed(0).padStart(10)} ${(s / ds).toFixed(2).padStart(15)} ${(m / dm).toFixed(2).padStart(17)}`);
  }
}
const sizes = (out) => Object.entries(out).map(([n, p]) => `${n} ${mib(sizeOf(p))}`).join(', ') +
  `; sluice / duckdb ${(sizeOf(out.sluice) / sizeOf(out.duckdb)).toFixed(4)}`;
const remove = (out) => (name) => rmSync(out[name], { recursive: true, force: true });

console.log(`input: ${csv} (${rows.toLocaleString()} rows, ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB), ${runs} runs each, interleaved`);
mkdirSync(outDir, { recursive: true });
report('DuckDB process start-up (node, module, in-memory database; included in its figures below)', { duckdb: duckdb('SELECT 1') });
report('CSV -> one snappy Parquet file', convertSingle, remove(single));
console.log('output size: ' + sizes(single));
report('CSV -> a folder of snappy Parquet files (DuckDB: PER_THREAD_OUTPUT)', convertFolder, remove(folder));
console.log('output size: ' + sizes(folder));
report('full scan of the single-file output (every column)', scan);
