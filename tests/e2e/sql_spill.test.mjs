// Larger than memory: a GROUP BY holding about four times --memory-limit spills to --temp-dir
// and answers exactly as DuckDB does; the process's peak resident memory stays under the
// limit plus the documented slack, and the spill folder is empty afterwards.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { duck, measured, sluice, tempDir } from './helpers.mjs';

// A sanitizer build is several times slower and its shadow memory is not the engine's.
const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const ROWS = SANITIZED ? 400000 : 4000000;
const GROUPS = ROWS / 4;
const LIMIT_MB = SANITIZED ? 8 : 64;
// README "Memory": the binary, its libraries and the memory not counted (batches in flight,
// buffers of the spill files, allocator slack).
const SLACK_MB = 48;

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

test('a global count(DISTINCT) of about four times --memory-limit spills and answers exactly',
  async (t) => {
    const spill = tempDir(t);
    // 2M distinct strings of 4M rows (a fifth as many when sanitized); one group without the
    // optimizer's rewrite into an aggregate grouped by the distinct values.
    const rows = SANITIZED ? 800000 : 4000000;
    const limit = SANITIZED ? 8 : 32;
    const query = (source) => `SELECT count(DISTINCT k), sum(DISTINCT length(k)), count(*),
      max(k) FROM (SELECT 'user-' || (id * 7919 % ${rows / 2}) AS k FROM ${source}) AS u`;
    const expected = await duck(query(`range(${rows}) t(id)`));
    const args = ['sql', '--format', 'tsv', '--memory-limit', `${limit}MB`, '--temp-dir', spill];
    const r = measured([...args, '-e', query(`range(${rows})`)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), expected);
    if (!SANITIZED) assert.ok(r.peak < limit + SLACK_MB, `peak ${r.peak} MiB`);
    assert.deepEqual(readdirSync(spill), []);

    const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${query(`range(${rows})`)}`]);
    assert.equal(explain.code, 0, explain.stderr);
    assert.match(explain.stdout, /Aggregate .*spilled=[\d.]+ [KM]iB/);
    const unlimited = sluice(['sql', '-e', `EXPLAIN ANALYZE ${query(`range(${rows})`)}`]);
    const peak = Number(/Aggregate \[k.*peak=([\d.]+) MiB/.exec(unlimited.stdout)?.[1]);
    assert.ok(peak > 3.5 * limit, `unlimited aggregate peak ${peak} MiB: ${unlimited.stdout}`);
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

test('a result of about four times --memory-limit spills and streams to stdout and --output',
  async (t) => {
    const dir = tempDir(t);
    const spill = path.join(dir, 'spill');
    // CSV: a Parquet file's row group of compressed pages alone takes most of such a limit.
    const out = path.join(dir, 'result.csv');
    // Held whole, the rows take about 4.5 times the limit (EXPLAIN ANALYZE's peak= unlimited).
    const rows = SANITIZED ? 300000 : 4000000;
    const limit = SANITIZED ? 4 : 16;
    const query = `SELECT id, 'name-' || id AS s FROM range(${rows}) WHERE id % 5 <> 2`;
    const args = ['sql', '--format', 'tsv', '--memory-limit', `${limit}MB`, '--temp-dir', spill];
    const expected = [];
    for (let i = 0; i < rows; ++i) if (i % 5 !== 2) expected.push(`${i}\tname-${i}`);

    const printed = measured([...args, '-e', query]);
    assert.equal(printed.code, 0, printed.stderr);
    const lines = printed.stdout.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, expected.length);
    assert.ok(lines.every((line, i) => line === expected[i]), 'rows in order');
    if (!SANITIZED) assert.ok(printed.peak < limit + SLACK_MB, `peak ${printed.peak} MiB`);
    assert.deepEqual(readdirSync(spill), []);

    const written = measured([...args, '--output', out, '-e', query]);
    assert.equal(written.code, 0, written.stderr);
    if (!SANITIZED) assert.ok(written.peak < limit + SLACK_MB, `peak ${written.peak} MiB`);
    assert.deepEqual(readdirSync(spill), []);
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const con = await db.connect();
    const check = await con.runAndReadAll(`SELECT count(*), sum(id), sum(length(s)),
      count(*) FILTER (WHERE s <> 'name-' || id) FROM '${out}'`);
    const sumLength = expected.reduce((n, line) => n + line.length - line.indexOf('\t') - 1, 0);
    assert.deepEqual(check.getRows()[0].map(String), [String(expected.length),
      String(expected.reduce((n, line) => n + Number(line.split('\t')[0]), 0)),
      String(sumLength), '0']);

    // It did spill: EXPLAIN ANALYZE shows the bytes.
    const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${query}`]);
    assert.equal(explain.code, 0, explain.stderr);
    assert.match(explain.stdout, /spilled=[\d.]+ [KM]iB/);
  });
