// Larger than memory: a GROUP BY holding about four times --memory-limit spills to --temp-dir
// and answers exactly as DuckDB does; the process's peak resident memory stays under the
// limit plus the documented slack, and the spill folder is empty afterwards.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, sluiceBin, tempDir } from './helpers.mjs';

// A sanitizer build is several times slower and its shadow memory is not the engine's.
const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const ROWS = SANITIZED ? 400000 : 4000000;
const GROUPS = ROWS / 4;
const LIMIT_MB = SANITIZED ? 8 : 64;
// README "Memory": the binary, its libraries and the memory not counted (batches in flight,
// buffers of the spill files, allocator slack).
const SLACK_MB = 48;

// Runs sluice under /usr/bin/time: its result and peak resident memory in MiB.
function measured(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'peak %M', sluiceBin, ...args],
    { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  const peak = Number(/peak (\d+)\s*$/.exec(r.stderr)?.[1]) / 1024;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/peak \d+\s*$/, ''), peak };
}

async function duck(sql) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRows().map((row) => row.map(String).join('\t'));
}

test('a GROUP BY of about four times --memory-limit spills and answers exactly', async (t) => {
  const spill = tempDir(t);
  const inner = (source) => `SELECT id % ${GROUPS} AS k, count(*) AS c, sum(id) AS s,
    max(id) AS mx, min(id * 3 % 1000) AS mn FROM ${source} GROUP BY k`;
  const outer = 'SELECT count(*), sum(c), sum(s), sum(mx), sum(k * c), sum(k * mx), sum(mn),'
    + ' sum(k * mn) FROM';
  const expected = await duck(`${outer} (${inner(`range(${ROWS}) t(id)`)})`);
  const args = ['sql', '--format', 'tsv', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', spill];
  const r = measured([...args, '-e', `${outer} (${inner(`range(${ROWS})`)})`]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), expected);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);

  // It did spill, and without a limit it holds about four times as much.
  const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${inner(`range(${ROWS})`)}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /Aggregate .*spilled=[\d.]+ [KM]iB/);
  const unlimited = sluice(['sql', '--format', 'tsv', '-e',
    `EXPLAIN ANALYZE ${inner(`range(${ROWS})`)}`]);
  assert.doesNotMatch(unlimited.stdout, /spilled=/);
  const peak = Number(/Aggregate .*peak=([\d.]+) MiB/.exec(unlimited.stdout)?.[1]);
  assert.ok(peak > 3.5 * LIMIT_MB, `unlimited aggregate peak ${peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);
});

test('string keys from a Parquet file, with DISTINCT and collect_set, spill and match DuckDB', async (t) => {
  const dir = tempDir(t);
  const spill = path.join(dir, 'spill');
  const file = path.join(dir, 'events.parquet');
  const rows = SANITIZED ? 200000 : 1000000;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT 'user-' || (i * 7919 % ${rows / 10}) AS k, i AS v,
    'item-' || (i * 31 % 997) AS s FROM range(${rows}) t(i)) TO '${file}' (FORMAT parquet)`);
  const query = (from, set) => `SELECT k, count(*), sum(v), min(s), max(s),
    count(DISTINCT v % 5), ${set} FROM ${from} GROUP BY k`;  // sorted here: a sort cannot spill yet
  const expected = (await con.runAndReadAll(query(`'${file}'`, 'list_sort(list_distinct(list(v % 3)))')))
    .getRows().map((row) => row.map((v) => (v?.items ? `[${v.items.join(',')}]` : String(v)))
    .join('\t')).sort();
  const limit = SANITIZED ? 8 : 32;
  const r = measured(['sql', '--format', 'tsv', '--memory-limit', `${limit}MB`, '--temp-dir', spill,
    '-e', query(`parquet.\`${file}\``, 'sort_array(collect_set(v % 3))')]);
  assert.equal(r.code, 0, r.stderr);
  const actual = r.stdout.trim().split('\n').sort();
  assert.equal(actual.length, expected.length);
  assert.deepEqual(actual, expected);
  if (!SANITIZED) assert.ok(r.peak < limit + SLACK_MB, `peak ${r.peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);
});
