// Larger than memory: window functions over about four times --memory-limit (a
// sessionization: lag over each user's events ordered by time, a running sum numbering the
// sessions; and the last event per user through QUALIFY row_number() = 1) spill to --temp-dir
// and answer exactly as DuckDB does; the process's peak resident memory stays under the limit
// plus the documented slack, and the spill folder is empty afterwards.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import test from 'node:test';
import { duck, measured, sluice, tempDir } from './helpers.mjs';

// A sanitizer build is several times slower and its shadow memory is not the engine's.
const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const ROWS = SANITIZED ? 400000 : 4000000;
const USERS = ROWS / 40;
const LIMIT_MB = SANITIZED ? 8 : 32;
const SLACK_MB = 48;  // README "Memory"

// Events: 40 per user, the j-th at about j * 1500 seconds give or take 1250 (ties broken by id).
// `div` is the integer division of the engine.
const events = (range, div) => `SELECT id, id % ${USERS} AS u,
  ${div('id', USERS)} * 1500 + id * id % 2503 AS ts FROM ${range}`;
// A gap over 30 minutes (or a user's first event) starts a session.
const sessions = (range, div) => `SELECT u, ts, gap,
    sum(CASE WHEN gap IS NULL OR gap > 1800 THEN 1 ELSE 0 END)
      OVER (PARTITION BY u ORDER BY ts, id ROWS UNBOUNDED PRECEDING) AS session
  FROM (SELECT id, u, ts, ts - lag(ts) OVER (PARTITION BY u ORDER BY ts, id) AS gap
        FROM (${events(range, div)}))`;
const summary = 'SELECT count(*), count(gap), sum(least(gap, 1800)), sum(session), max(session),'
  + ' sum(u * session), sum(ts * session) FROM';
const lastEvents = (range, div) => `SELECT count(*), sum(u), sum(ts), sum(u * ts) FROM
  (SELECT u, ts FROM (${events(range, div)})
   QUALIFY row_number() OVER (PARTITION BY u ORDER BY ts DESC, id DESC) = 1)`;

const sluiceRange = `range(${ROWS})`;
const sluiceDiv = (a, b) => `${a} DIV ${b}`;
const duckRange = `range(${ROWS}) t(id)`;
const duckDiv = (a, b) => `${a} // ${b}`;

function run(t, sql) {
  const spill = tempDir(t);
  const args = ['sql', '--format', 'tsv', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', spill];
  const r = measured([...args, '-e', sql]);
  assert.equal(r.code, 0, r.stderr);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);
  return { rows: r.stdout.trim().split('\n'), args, spill };
}

test('a sessionization over about four times --memory-limit spills and answers exactly', async (t) => {
  const expected = await duck(`${summary} (${sessions(duckRange, duckDiv)})`);
  const { rows, args, spill } = run(t, `${summary} (${sessions(sluiceRange, sluiceDiv)})`);
  assert.deepEqual(rows, expected);
  // Sessions both end and go on (the data is not degenerate).
  const [count, , , , maxSession] = expected[0].split('\t').map(Number);
  assert.ok(maxSession > 1 && maxSession < 40, expected[0]);
  assert.equal(count, ROWS);

  // The windows did spill, and without a limit they hold about four times as much.
  const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${sessions(sluiceRange, sluiceDiv)}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /Window .*spilled=[\d.]+ [KMG]iB/);
  assert.deepEqual(readdirSync(spill), []);
  const unlimited = sluice(['sql', '-e', `EXPLAIN ANALYZE ${sessions(sluiceRange, sluiceDiv)}`]);
  assert.equal(unlimited.code, 0, unlimited.stderr);
  assert.doesNotMatch(unlimited.stdout, /spilled=/);
  const peak = Math.max(...[...unlimited.stdout.matchAll(/Window .*peak=([\d.]+) MiB/g)]
    .map((m) => Number(m[1])));
  assert.ok(peak > 3.5 * LIMIT_MB, `unlimited window peak ${peak} MiB`);
});

test('QUALIFY row_number() = 1 over about four times --memory-limit spills and answers exactly', async (t) => {
  const expected = await duck(lastEvents(duckRange, duckDiv));
  const { rows, args } = run(t, lastEvents(sluiceRange, sluiceDiv));
  assert.deepEqual(rows, expected);
  assert.equal(Number(expected[0].split('\t')[0]), USERS);
  const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${lastEvents(sluiceRange, sluiceDiv)}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /Window TopN .*spilled=[\d.]+ [KMG]iB/);
});

// One user: the sessionization's one partition cannot be split by hash, so the fused Window
// (the lag, then the running sum reading it) runs over its sorted rows, a pass per call.
test('a sessionization of one huge partition over about four times --memory-limit streams and answers exactly', async (t) => {
  const oneUser = (range, div) => sessions(range, div).replaceAll(`id % ${USERS} AS u`, '0 AS u');
  const expected = await duck(`${summary} (${oneUser(duckRange, duckDiv)})`);
  const { rows, args } = run(t, `${summary} (${oneUser(sluiceRange, sluiceDiv)})`);
  assert.deepEqual(rows, expected);
  const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${oneUser(sluiceRange, sluiceDiv)}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.equal(explain.stdout.match(/Window/g).length, 1, explain.stdout);
  assert.match(explain.stdout, /Window .*spilled=[\d.]+ [KMG]iB/);
});
