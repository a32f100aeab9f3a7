// Larger than memory: windows without PARTITION BY (row_number, a running sum over ROWS and
// over RANGE peers, lag, a sum and last_value over sliding ROWS frames) over about four times --memory-limit run over their sorted rows a
// batch at a time, spilling to --temp-dir, and answer exactly as DuckDB does; the process's
// peak resident memory stays under the limit plus the documented slack, and the spill folder
// is empty afterwards.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import test from 'node:test';
import { duck, measured, sluice, tempDir } from './helpers.mjs';

// A sanitizer build is several times slower and its shadow memory is not the engine's.
const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const ROWS = SANITIZED ? 400000 : 4000000;
const LIMIT_MB = SANITIZED ? 8 : 32;
const SLACK_MB = 48;  // README "Memory"

// Events of 100 users at about id * 3 / 8 seconds give or take 1250 (ties broken by id, and
// tied timestamps for the RANGE frame's peers).
const events = (range, div) => `SELECT id, id % 100 AS u, ${div('id * 3', 8)} + id * id % 2503 AS ts
  FROM ${range}`;
const windows = (range, div) => `SELECT u, ts,
    row_number() OVER (ORDER BY ts, id) AS r,
    sum(ts) OVER (ORDER BY ts, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s,
    sum(u) OVER (ORDER BY ts) AS peers,
    lag(ts, 1, -1) OVER (ORDER BY ts, id) AS p,
    sum(ts) OVER (ORDER BY ts, id ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING) AS m,
    last_value(u) OVER (ORDER BY ts, id ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING) AS lv
  FROM (${events(range, div)})`;
const summary = 'SELECT count(*), sum(r * u), sum(s % 1000003), sum(ts - p), max(s),'
  + ' sum(peers % 1000003), max(peers), sum(m % 1000003), sum(lv * (r % 1000)), count(lv) FROM';

const sluiceQuery = `${summary} (${windows(`range(${ROWS})`, (a, b) => `${a} DIV ${b}`)})`;
const duckQuery = `${summary} (${windows(`range(${ROWS}) t(id)`, (a, b) => `${a} // ${b}`)})`;

test('a window without PARTITION BY over about four times --memory-limit spills and answers exactly', async (t) => {
  const expected = await duck(duckQuery);
  const spill = tempDir(t);
  const args = ['sql', '--format', 'tsv', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', spill];
  const r = measured([...args, '-e', sluiceQuery]);
  assert.equal(r.code, 0, r.stderr);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);
  assert.deepEqual(r.stdout.trim().split('\n'), expected);
  assert.equal(Number(expected[0].split('\t')[0]), ROWS);

  // The window did spill, and without a limit it holds about four times as much.
  const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${sluiceQuery}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /Window .*spilled=[\d.]+ [KMG]iB/);
  assert.deepEqual(readdirSync(spill), []);
  const unlimited = sluice(['sql', '-e', `EXPLAIN ANALYZE ${sluiceQuery}`]);
  assert.equal(unlimited.code, 0, unlimited.stderr);
  assert.doesNotMatch(unlimited.stdout, /spilled=/);
  const peak = Number(unlimited.stdout.match(/Window .*peak=([\d.]+) MiB/)[1]);
  assert.ok(peak > 3.5 * LIMIT_MB, `unlimited window peak ${peak} MiB`);
});

test('a window the stream cannot compute fails with the memory error and leaves no spill files', (t) => {
  const spill = tempDir(t);
  const r = sluice(['sql', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', spill, '-e',
    `SELECT count(*), sum(a) FROM (SELECT avg(id) OVER (ORDER BY id RANGE BETWEEN 2 PRECEDING`
    + ` AND 1 FOLLOWING) AS a FROM range(${ROWS}))`]);
  assert.notEqual(r.code, 0);
  // The sanitizer build's small limit may be passed before the window asks for its rows.
  assert.match(r.stderr, SANITIZED ? /memory limit of [\d.]+ MiB .*exceeded/
    : /memory limit of [\d.]+ MiB .*exceeded by window/);
  assert.deepEqual(readdirSync(spill), []);
});
