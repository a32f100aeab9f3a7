// Benchmark: the flyer events CSV converted to snappy Parquet by Sluice, DuckDB and
// Polars (same column types), then a full scan of every column of each engine's own
// output. Prints medians of whole-process wall time and peak memory, output sizes, and
// ratios to DuckDB.   node bench/parquet_convert.mjs [--rows 10000000] [--runs 3]
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
const out = { sluice: path.join(outDir, 'sluice'), duckdb: path.join(outDir, 'duckdb.parquet'), polars: path.join(outDir, 'polars.parquet') };
const schema = 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT';

const convert = {
  sluice: [sluice, 'convert', csv, out.sluice, '-o', 'header=true', '--schema', schema, '--mode', 'overwrite'],
  duckdb: ['node', '-e', `const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => { const db = await DuckDBInstance.create(':memory:'); const con = await db.connect();
    await con.run(\`COPY (SELECT * FROM read_csv('${csv}', header = true, columns = {'timestamp': 'TIMESTAMPTZ',
      'user_id': 'VARCHAR', 'event': 'VARCHAR', 'flyer_id': 'INTEGER', 'merchant_id': 'INTEGER'}))
      TO '${out.duckdb}' (FORMAT parquet, COMPRESSION snappy)\`); })();`],
  polars: ['node', '-e', `const pl = require('nodejs-polars');
    pl.readCSV('${csv}', { dtypes: { timestamp: pl.Utf8, user_id: pl.Utf8, event: pl.Utf8, flyer_id: pl.Int32, merchant_id: pl.Int32 } })
      .withColumns(pl.col('timestamp').str.strptime(pl.Datetime('ms'), '%Y-%m-%dT%H:%M:%S%z'))
      .writeParquet('${out.polars}', { compression: 'snappy' });`],
};
const scan = {
  sluice: [sluice, 'validate', out.sluice],
  duckdb: ['node', '-e', `const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => { const db = await DuckDBInstance.create(':memory:'); const con = await db.connect();
    const r = await con.runAndReadAll(\`SELECT count(*), count("timestamp"), count(user_id), count(event), count(flyer_id), count(merchant_id) FROM read_parquet('${out.duckdb}')\`);
    console.log(JSON.stringify(r.getRowsJson()[0])); })();`],
  polars: ['node', '-e', `const pl = require('nodejs-polars'); const df = pl.readParquet('${out.polars}');
    console.log(df.height, df.nullCount().toRecords()[0]);`],
};

function timed(cmd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  const [seconds, kib] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, mib: kib / 1024 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizeOf = (p) => (statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + statSync(path.join(p, f)).size, 0) : statSync(p).size);

function report(title, commands, before) {
  const results = {};
  for (const name of Object.keys(commands)) results[name] = { s: [], m: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, cmd] of Object.entries(commands)) {
      if (before) before(name);
      const t = timed(cmd);
      results[name].s.push(t.seconds);
      results[name].m.push(t.mib);
    }
  }
  console.log(`\n${title}\nengine   median s   peak MiB   time / duckdb   memory / duckdb`);
  const ds = median(results.duckdb.s);
  const dm = median(results.duckdb.m);
  for (const [name, r] of Object.entries(results)) {
    const s = median(r.s);
    const m = median(r.m);
    console.log(`${name.padEnd(8)} ${s.toFixed(2).padStart(8)} ${m.toFixed(0).padStart(10)} ${(s / ds).toFixed(2).padStart(15)} ${(m / dm).toFixed(2).padStart(17)}`);
  }
}

console.log(`input: ${csv} (${rows.toLocaleString()} rows, ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB), ${runs} runs each, interleaved`);
mkdirSync(outDir, { recursive: true });
report('CSV -> snappy Parquet', convert, (name) => rmSync(out[name], { recursive: true, force: true }));
console.log('\noutput size: ' + Object.entries(out).map(([n, p]) => `${n} ${(sizeOf(p) / 2 ** 20).toFixed(1)} MiB`).join(', ') +
  `; sluice / duckdb ${(sizeOf(out.sluice) / sizeOf(out.duckdb)).toFixed(3)}`);
report('full scan of the Parquet output (every column)', scan);
