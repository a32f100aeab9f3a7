// The flyer example (examples/flyer): run.sh writes the original report, which must equal
// the published result_dataset.csv, and the sessionized report, whose two tables are
// computed again here by DuckDB from the same events and rules (sessions split by gaps
// over 30 minutes, time on a flyer until the next event of the session, capped at 10
// minutes, days in America/Toronto) and compared row by row.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, seedsDir, sluiceBin, tempDir } from './helpers.mjs';

const events = path.join(seedsDir, 'flyer/channel_dataset.csv');

// The rows of the one CSV part file in `dir`, header first.
function csvRows(dir) {
  const part = readdirSync(dir).find((f) => f.endsWith('.csv'));
  return readFileSync(path.join(dir, part), 'utf8').split('\n').filter((l) => l.length > 0);
}

const ORACLE = `
  SET TimeZone = 'America/Toronto';
  CREATE TABLE ev AS SELECT * FROM read_csv('${events}', header = true, columns = {
    'timestamp': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'event': 'VARCHAR', 'flyer_id': 'VARCHAR',
    'merchant_id': 'VARCHAR'});
  CREATE TABLE steps AS SELECT *, epoch(timestamp) AS t,
    epoch(timestamp) - epoch(lag(timestamp) OVER w) AS since_previous,
    epoch(lead(timestamp) OVER w) - epoch(timestamp) AS until_next
    FROM ev WINDOW w AS (PARTITION BY user_id ORDER BY timestamp, event NULLS FIRST, flyer_id NULLS FIRST,
      merchant_id NULLS FIRST);
  CREATE TABLE ft AS SELECT timestamp::DATE AS tdate, merchant_id, flyer_id, user_id,
    sum(CASE WHEN since_previous IS NULL OR since_previous > 1800 THEN 1 ELSE 0 END) OVER (
      PARTITION BY user_id ORDER BY timestamp, event NULLS FIRST, flyer_id NULLS FIRST,
      merchant_id NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session,
    CASE WHEN until_next IS NULL OR until_next > 1800 THEN 0 ELSE least(until_next, 600) END AS seconds,
    event
    FROM steps;
  DELETE FROM ft WHERE event NOT IN ('flyer_open', 'item_open');
  CREATE TABLE fud AS SELECT merchant_id, flyer_id, user_id, count(DISTINCT session) AS sessions,
    count(*) AS opens, sum(seconds) AS seconds, tdate FROM ft GROUP BY ALL;
  CREATE TABLE md AS SELECT r.merchant_id, users, r.sessions, flyers, avg(f.seconds) AS avg_seconds,
    median(f.seconds) AS median_seconds, sum(f.seconds) AS total_seconds, r.tdate
    FROM (SELECT tdate, merchant_id, count(DISTINCT user_id) AS users,
            count(DISTINCT (user_id, session)) AS sessions, count(DISTINCT flyer_id) AS flyers
          FROM ft GROUP BY ALL) r
    JOIN fud f ON f.tdate = r.tdate AND f.merchant_id = r.merchant_id
    GROUP BY r.tdate, r.merchant_id, users, r.sessions, flyers;`;

async function oracle(table, order) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const s of ORACLE.split(';').filter((x) => x.trim())) await c.run(s);
  const reader = await c.runAndReadAll(
    `SELECT * REPLACE (tdate::VARCHAR AS tdate) FROM ${table} ORDER BY ${order}`);
  return reader.getRowsJS();
}

test('examples/flyer/run.sh: the original report and the sessionized report', async (t) => {
  const out = tempDir(t);
  const r = spawnSync(path.join(projectRoot, 'examples/flyer/run.sh'), [events, out],
    { encoding: 'utf8', env: { ...process.env, SLUICE: sluiceBin } });
  assert.equal(r.status, 0, r.stderr);

  const original = readFileSync(path.join(out, 'original_report.csv'), 'utf8').split('\n')
    .filter((l) => l.length > 0).sort();
  const published = readFileSync(path.join(seedsDir, 'flyer/result_dataset.csv'), 'utf8')
    .split('\n').filter((l) => l.length > 0).map((l) => l.replace(/\r$/, '')).sort();
  assert.deepEqual(original, published);

  const perUser = csvRows(path.join(out, 'flyer_user_day'));
  assert.equal(perUser[0], 'merchant_id,flyer_id,user_id,sessions,opens,seconds,tdate');
  const expectedPerUser = await oracle('fud', 'tdate, merchant_id, flyer_id, user_id');
  assert.equal(perUser.length - 1, expectedPerUser.length);
  expectedPerUser.forEach((e, i) => {
    const tdate = e[6].toString();
    assert.equal(perUser[i + 1], [e[0], e[1], e[2], e[3], e[4], e[5], tdate].join(','), `row ${i}`);
  });
  // Some users come back to a flyer in another session, and time adds up.
  assert.ok(expectedPerUser.some((e) => Number(e[3]) > 1));

  const merchants = csvRows(path.join(out, 'merchant_day'));
  assert.equal(merchants[0],
    'merchant_id,users,sessions,flyers,avg_seconds,median_seconds,total_seconds,tdate');
  const expected = await oracle('md', 'tdate, merchant_id');
  assert.equal(merchants.length - 1, expected.length);
  expected.forEach((e, i) => {
    const [merchant, users, sessions, flyers, avg, median, total, tdate] = merchants[i + 1].split(',');
    assert.deepEqual([merchant, users, sessions, flyers, total, tdate],
      [e[0], String(e[1]), String(e[2]), String(e[3]), String(e[6]), e[7].toString()], `row ${i}`);
    assert.ok(Math.abs(Number(avg) - Number(e[4])) <= 0.005 + 1e-9, `avg row ${i}: ${avg} ${e[4]}`);
    assert.ok(Math.abs(Number(median) - Number(e[5])) < 1e-9, `median row ${i}: ${median} ${e[5]}`);
  });
});
