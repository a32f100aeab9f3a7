// Benchmark: a full, typed parse of the flyer events CSV by Sluice (`sluice validate`),
// DuckDB and Polars (both from npm), in one run on the same file. Each engine parses every
// column to the same types (timestamp with offset -> instant, ids -> INT). Prints the
// median wall time and peak memory of whole processes, and the ratios to DuckDB.
//   node bench/csv_validate.mjs [--rows 10000000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : null)).filter(Boolean));
const rows = Number(args.rows ?? 10_000_000);
const runs = Number(args.runs ?? 5);
const sluice = process.env.SLUICE_BIN ?? path.join(root, 'build/release/apps/cli/sluice');
const dataDir = path.join(root, 'bench/data');
const file = path.join(dataDir, `flyer_${rows}.csv`);

mkdirSync(dataDir, { recursive: true });
if (!existsSync(file)) {
  const gen = spawnSync(sluice, ['generate', 'flyer', file, '--rows', String(rows)], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(1);
}
const bytes = statSync(file).size;

const duckdbScript = `
  const { DuckDBInstance } = require('@duckdb/node-api');
  (async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const r = await con.runAndReadAll(\`SELECT count(*), count("timestamp"), count(user_id), count(event),
      count(flyer_id), count(merchant_id) FROM read_csv('${file}', header = true,
      columns = {'timestamp': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'event': 'VARCHAR',
                 'flyer_id': 'INTEGER', 'merchant_id': 'INTEGER'})\`);
    console.log(JSON.stringify(r.getRowsJson()[0]));
  })();`;
const polarsScript = `
  const pl = require('nodejs-polars');
  const df = pl.readCSV('${file}', { dtypes: { timestamp: pl.Utf8, user_id: pl.Utf8, event: pl.Utf8,
    flyer_id: pl.Int32, merchant_id: pl.Int32 } })
    .withColumns(pl.col('timestamp').str.strptime(pl.Datetime('ms'), '%Y-%m-%dT%H:%M:%S%z'));
  console.log(JSON.stringify([df.height, df.getColumn('timestamp').nullCount()]));`;

const engines = [
  ['sluice', [sluice, 'validate', file, '-q', '-o', 'header=true', '--conf', 'spark.sql.session.timeZone=UTC',
    '--schema', 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT']],
  ['duckdb', ['node', '-e', duckdbScript]],
  ['polars', ['node', '-e', polarsScript]],
];

function timed(cmd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop();
  const [seconds, kib] = last.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${cmd[0]} failed: ${r.stderr}`);
  return { seconds, mib: kib / 1024, out: r.stdout.trim() };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`file: ${file} (${rows.toLocaleString()} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB), ${runs} runs each, interleaved`);
const results = Object.fromEntries(engines.map(([name]) => [name, { seconds: [], mib: [] }]));
for (let i = 0; i < runs; i++) {
  for (const [name, cmd] of engines) {
    const t = timed(cmd);
    results[name].seconds.push(t.seconds);
    results[name].mib.push(t.mib);
    if (i === 0) console.log(`  ${name} output: ${t.out.split('\n').slice(0, 3).join(' | ')}`);
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
