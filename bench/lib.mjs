// What the benchmarks share: options, the generated flyer data, process timing, the
// interleaved runs of several engines, the check of their results and the tables printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sluice = process.env.SLUICE_BIN ?? path.join(root, 'build/release/apps/cli/sluice');
export const dataDir = path.join(root, 'bench/data');
export const flyerSchema = 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT';
export const duckdbFlyerColumns =
  `{'timestamp': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'event': 'VARCHAR', 'flyer_id': 'INTEGER', 'merchant_id': 'INTEGER'}`;

// --help (or -h): the running script's opening comment, which gives its options.
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  const lines = readFileSync(process.argv[1], 'utf8').split('\n');
  const end = lines.findIndex((l) => !l.startsWith('//'));
  console.log(lines.slice(0, end).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}

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

// `to`, converted once from the CSV `from` by `sluice convert` with the given schema.
export function convertOnce(from, to, schema) {
  if (existsSync(to)) return to;
  const r = spawnSync(sluice, ['convert', from, to, '-o', 'header=true', '--schema', schema], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
  return to;
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

export const engines = ['sluice', 'duckdb', 'polars'];

// Runs each engine's command (cmds[engine]) `runs` times, interleaved (per run, every engine
// once); an engine without a command is not run (status 'n/a'). before(engine) runs ahead
// of each process (e.g. clears its output); result(engine, out) gives the run's rows as sorted canonical text, joined with ' | ' (throws when it cannot).
// An engine that fails, times out, or gives a result different from its first run's is not
// run again. Per engine: status ('ok', 'error', 'timeout', 'n/a'), message, result, and per run s, cpu, mib.
export function measure(cmds, runs, timeoutSeconds, result, before = () => {}) {
  const per = Object.fromEntries(engines.map((e) =>
    [e, { s: [], cpu: [], mib: [], status: cmds[e] ? 'ok' : 'n/a', message: '', result: null }]));
  for (let i = 0; i < runs; i++) {
    for (const e of engines) {
      const p = per[e];
      if (p.status !== 'ok') continue;
      before(e);
      const t = run(cmds[e], timeoutSeconds);
      if (t.status !== 'ok') {
        p.status = t.status;
        p.message = t.status === 'timeout' ? `no result after ${timeoutSeconds} s` : firstError(t.err);
        continue;
      }
      let rows;
      try {
        rows = result(e, t.out);
      } catch (error) {
        p.status = 'error';
        p.message = `unreadable output (${error.message}): ${t.out.slice(0, 200)}`;
        continue;
      }
      if (p.result && !sameRows(p.result, rows)) {
        p.status = 'error';
        p.message = `run ${i + 1} gave a different result from run 1`;
      }
      p.result ??= rows;
      p.s.push(t.seconds);
      p.cpu.push(t.cpu);
      p.mib.push(t.mib);
    }
  }
  return per;
}

// The line of a failed process's stderr that says what went wrong (node's exceptions start
// with the script's location).
function firstError(stderr) {
  const lines = stderr.trim().split('\n');
  return (/:\d+$/.test(lines[0]) ? lines.find((l) => /Error/.test(l)) : lines[0]) || 'failed';
}

// Two sorted lists of canonical rows are the same when each pair of rows is equal, numbers
// within a relative 1e-9 (engines sum floating point numbers in different orders).
export function sameRows(a, b) {
  if (a.length !== b.length) return false;
  const close = (x, y) => {
    if (x === y) return true;
    const [m, n] = [Number(x), Number(y)];
    return x !== '' && y !== '' && Number.isFinite(m) && Number.isFinite(n) &&
      Math.abs(m - n) <= 1e-9 * Math.max(1, Math.abs(m), Math.abs(n));
  };
  return a.every((row, i) => {
    if (row === b[i]) return true;
    const [f, g] = [row.split(' | '), b[i].split(' | ')];
    return f.length === g.length && f.every((v, j) => close(v, g[j]));
  });
}

// The check of one query or job: every engine that ran gives the same rows as DuckDB (Polars
// when DuckDB failed). Prints the differing rows and the failures; returns the check's text
// and whether the benchmark fails (a mismatch, or Sluice not giving a result).
export function checkResults(name, per) {
  const ran = engines.filter((e) => per[e].status === 'ok');
  const reference = ran.includes('duckdb') ? 'duckdb' : ran[0];
  const differ = ran.filter((e) => !sameRows(per[e].result, per[reference].result));
  const tried = engines.filter((e) => per[e].status !== 'n/a');
  const check = ran.length < 2 ? 'not checked' : differ.length > 0 ? `MISMATCH: ${differ.join(', ')} vs ${reference}`
    : `${ran.length === tried.length ? 'all agree' : `${ran.join(' = ')} only`} (${per[reference].result.length} rows)`;
  if (differ.length > 0) {
    console.log(`\n!!! ${name}: results differ`);
    for (const e of [reference, ...differ]) {
      const other = per[e === reference ? differ[0] : reference].result;
      const rows = per[e].result.filter((r, i) => !sameRows([r], [other[i] ?? '']));
      console.log(`  ${e} (${per[e].result.length} rows; first that differ):\n    ${rows.slice(0, 10).join('\n    ')}`);
    }
  }
  for (const e of tried) {
    if (per[e].status !== 'ok') console.log(`\n!!! ${name}: ${e} ${per[e].status}: ${per[e].message}`);
  }
  console.log(`  ${name.padEnd(16)} done: ${engines.map((e) => `${e} ${per[e].status === 'ok' ? median(per[e].s).toFixed(2) + ' s' : per[e].status}`).join(', ')}; ${check}`);
  return { check, failed: differ.length > 0 || per.sluice.status !== 'ok' };
}

// The tables of results [{name, per, check}]: wall time (and CPU seconds), then peak memory,
// with Sluice's ratios to both peers.
export function printTables(results, title = 'query') {
  const cell = (p, pick, digits) => (p.status === 'ok' ? median(p[pick]).toFixed(digits) : p.status.toUpperCase());
  const ratio = (a, b, pick) => (a.status === 'ok' && b.status === 'ok' ? (median(a[pick]) / median(b[pick])).toFixed(2) : '-');
  const row = (cols, widths) => cols.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
  const w = [16, 9, 9, 9, 9, 9, 9];
  console.log('\nwall time, median seconds of the whole process (CPU seconds: user + system)');
  console.log(row([title, 'sluice', 'duckdb', 'polars', 'sl/duck', 'sl/polars'], w) + '   sluice CPU  duckdb CPU  polars CPU   check');
  for (const { name, per, check } of results) {
    console.log(row([name, cell(per.sluice, 's', 2), cell(per.duckdb, 's', 2), cell(per.polars, 's', 2),
      ratio(per.sluice, per.duckdb, 's'), ratio(per.sluice, per.polars, 's')], w) +
      `   ${cell(per.sluice, 'cpu', 2).padStart(10)} ${cell(per.duckdb, 'cpu', 2).padStart(11)} ${cell(per.polars, 'cpu', 2).padStart(11)}   ${check}`);
  }
  console.log('\npeak resident memory, median MiB');
  console.log(row([title, 'sluice', 'duckdb', 'polars', 'sl/duck', 'sl/polars'], w));
  for (const { name, per } of results) {
    console.log(row([name, cell(per.sluice, 'mib', 0), cell(per.duckdb, 'mib', 0), cell(per.polars, 'mib', 0),
      ratio(per.sluice, per.duckdb, 'mib'), ratio(per.sluice, per.polars, 'mib')], w));
  }
}
