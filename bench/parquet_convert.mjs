// Benchmark: the flyer events CSV converted to snappy Parquet by Sluice, DuckDB and
// Polars (same column types), like with like: one file against one file, and a folder of
// per-thread files against DuckDB's PER_THREAD_OUTPUT folder; then a full scan of every
// column of each engine's single file. Prints medians of whole-process wall time, CPU
// seconds (user + system) and peak memory, output sizes, and ratios to DuckDB, whose
// process start-up is measured on its own first.
//   node bench/parquet_convert.mjs [--rows 10000000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : null)).filter(Boolean));
const rows = Number(args.rows ?? 10_000_000);
const runs = Number(args.runs ?? 3);
const sluice = process.env.SLUICE_BIN ?? path.join(root, 'build/release/apps/cli/sluice');
const dataDir = path.join(root, 'bench/data');
const csv = path.join(dataDir, `flyer_${rows}.csv`);
const outDir = path.join(dataDir, 'parquet_out');
mkdirSync(dataDir, { recursive: true });
if (!existsSync(csv)) {
  if (spawnSync(sluice, ['generate', 'flyer', csv, '--rows', String(rows)], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const schema = 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT';
const duckdbColumns = `{'timestamp': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'event': 'VARCHAR', 'flyer_id': 'INTEGER', 'merchant_id': 'INTEGER'}`;
// A DuckDB process running `sql` (node, the DuckDB module and an in-memory database first).
const duckdb = (sql) => ['node', '-e', `const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => { const db = await DuckDBInstance.create(':memory:'); const con = await db.connect();
    const r = await con.runAndReadAll(\`${sql}\`); if (r.columnCount > 0) console.log(JSON.stringify(r.getRowsJson()[0])); })();`];
const sluiceConvert = (target) => [sluice, 'convert', csv, target, '-o', 'header=true', '--schema', schema, '--mode', 'overwrite'];
const duckdbCopy = (target, extra) => duckdb(`COPY (SELECT * FROM read_csv('${csv}', header = true, columns = ${duckdbColumns}))
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

// Wall seconds, CPU seconds (user + system) and peak resident memory of the whole process.
function timed(cmd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...cmd], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  const [seconds, user, system, kib] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpu: user + system, mib: kib / 1024 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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
