// Date and timestamp functions against DuckDB where the two engines define them alike
// (proleptic Gregorian calendar, ISO weeks, months clamped to their last day): the same
// expressions over the same dates and timestamps (several batches, years 2 to 9999 and
// around the epoch) give the same text. The session zone is UTC so that TIMESTAMP means the
// same wall clock in both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice } from './helpers.mjs';

// [Sluice (Spark SQL), DuckDB] over d (DATE) and t (TIMESTAMP), both from i in [0, 6000).
const EXPRESSIONS = [
  ['year(d)', 'year(d)'],
  ['month(d)', 'month(d)'],
  ['day(d)', 'day(d)'],
  ['quarter(d)', 'quarter(d)'],
  ['dayofweek(d)', 'dayofweek(d) + 1'],
  ['weekday(d)', 'isodow(d) - 1'],
  ['dayofyear(d)', 'dayofyear(d)'],
  ['weekofyear(d)', 'weekofyear(d)'],
  ['extract(YEAROFWEEK FROM d)', 'yearweek(d) // 100'],
  ['last_day(d)', 'last_day(d)'],
  ['add_months(d, 13)', "CAST(d + INTERVAL '13' MONTH AS DATE)"],
  ['add_months(d, -1)', "CAST(d - INTERVAL '1' MONTH AS DATE)"],
  ['date_add(d, 40)', 'd + 40'],
  ['datediff(d, DATE\'1970-01-01\')', "datediff('day', DATE '1970-01-01', d)"],
  ['trunc(d, \'MM\')', "CAST(date_trunc('month', d) AS DATE)"],
  ['trunc(d, \'QUARTER\')', "CAST(date_trunc('quarter', d) AS DATE)"],
  ['trunc(d, \'WEEK\')', "CAST(date_trunc('week', d) AS DATE)"],
  ['hour(t)', 'hour(t)'],
  ['minute(t)', 'minute(t)'],
  ['second(t)', 'second(t)'],
  ['date_trunc(\'HOUR\', t)', "strftime(date_trunc('hour', t), '%Y-%m-%d %H:%M:%S')"],
  ['unix_seconds(t)', 'epoch(t)::BIGINT'],
  ['date_format(t, \'yyyy-MM-dd HH:mm:ss\')', "strftime(t, '%Y-%m-%d %H:%M:%S')"],
  ['CAST(t + INTERVAL \'1 02:03:04\' DAY TO SECOND AS STRING)',
    "strftime(t + INTERVAL '1 day 2 hours 3 minutes 4 seconds', '%Y-%m-%d %H:%M:%S')"],
  // Whole units, truncated toward zero (ChronoUnit.between): DuckDB's date_sub, not datediff.
  ['timestampdiff(MINUTE, TIMESTAMP\'1970-01-01 00:00:00\', t)',
    "date_sub('minute', TIMESTAMP '1970-01-01 00:00:00', t)"],
];

// Dates spread over years 2..9998 (step 607 days) and timestamps with odd seconds.
const SPARK_ROWS = `SELECT date_add(DATE'0002-01-01', CAST(id * 607 AS INT)) AS d,
  timestamp_seconds(-62104060800 + id * 52487713) AS t FROM range(6000)`;
const DUCK_ROWS = `SELECT DATE '0002-01-01' + CAST(range * 607 AS INTEGER) AS d,
  make_timestamp((-62104060800 + range * 52487713) * 1000000) AS t FROM range(6000)`;

function normalise(value) {
  if (value === null) return 'NULL';
  return String(value);
}

test('date and timestamp functions agree with DuckDB', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run("SET TimeZone = 'UTC'");
  const duck = EXPRESSIONS.map(([, e]) => `CAST(${e} AS VARCHAR)`).join(', ');
  const expected = (await con.runAndReadAll(`SELECT ${duck} FROM (${DUCK_ROWS}) ORDER BY d`))
    .getRows().map((row) => row.map(normalise));
  const spark = EXPRESSIONS.map(([e]) => e).join(', ');
  const r = sluice(['sql', '--format', 'tsv', '-e',
    `SET spark.sql.session.timeZone=UTC; SELECT ${spark} FROM (${SPARK_ROWS}) ORDER BY d`]);
  assert.equal(r.code, 0, r.stderr);
  const actual = r.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < EXPRESSIONS.length; j++) {
      assert.equal(actual[i][j], expected[i][j], `${EXPRESSIONS[j][0]} at row ${i}`);
    }
  }
});
