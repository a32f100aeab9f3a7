// What the benchmarks share: options, the generated flyer data, process timing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sluice = process.env.SLUICE_BIN ?? path.join(root, 'build/release/apps/cli/sluice');
export const dataDir = path.join(root, 'bench/data');
export const flyerSchema = 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT';
export const duckdbFlyerColumns =
  `{'timestamp': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'event': 'VARCHAR', 'flyer_id': 'INTEGER', 'merchant_id': 'INTEGER'}`;

// `--name value` pairs of the command line.
export const args = Object.fromEntries(
  process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : null)).filter(Boolean));

// bench/data/flyer_<rows>.csv, generated once by `sluice generate flyer` (deterministic).
export function flyerCsv(rows) {
  const file = path.join(dataDir, `flyer_${rows}.csv`);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file) && spawnSync(sluice, ['generate', 'flyer', file, '--rows', String(rows)], { stdio: 'inherit' }).status !== 0) {
    process.exit(1);
  }
  return file;
}

// Runs a whole process under /usr/bin/time (and `timeout` when given seconds): wall seconds,
// CPU seconds (user + system) and peak resident memory, counted alike for every engine.
// status: 'ok', 'error' or 'timeout'; out and err are the process's stdout and stderr.
export function run(cmd, timeoutSeconds) {
  const limit = timeoutSeconds ? ['timeout', '-k', '5', String(timeoutSeconds)] : [];
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...limit, ...cmd], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines = r.stderr.trimEnd().split('\n');
  const [seconds, user, system, kib] = lines.pop().split(' ').map(Number);
  const status = r.status === 0 ? 'ok' : timeoutSeconds && r.status === 124 ? 'timeout' : 'error';
  return { status, seconds, cpu: user + system, mib: kib / 1024, out: r.stdout, err: lines.join('\n') };
}

// run() for commands that must succeed.
export function timed(cmd) {
  const r = run(cmd);
  if (r.status !== 'ok') throw new Error(`${cmd.slice(0, 2).join(' ')} failed: ${r.err}`);
  return r;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A node process that runs `sql` in DuckDB (the module and an in-memory database first) and
// prints the result as JSON: {columns, rows}. `setup` statements run before it.
export const duckdb = (sql, setup = []) => ['node', '-e', `const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => { const db = await DuckDBInstance.create(':memory:'); const con = await db.connect();
    for (const s of ${JSON.stringify(setup)}) await con.run(s);
    const r = await con.runAndReadAll(${JSON.stringify(sql)});
    if (r.columnCount > 0) console.log(JSON.stringify({ columns: r.columnNames(), rows: r.getRowsJson() })); })();`];
