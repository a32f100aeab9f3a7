// Dates and timestamps with years outside 0000-9999: what `cat` prints is Spark's text
// (checked against a formatter written here from the epoch seconds the file also holds),
// and `--where` and the CSV reader accept that same text.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot, sluice, tempDir } from './helpers.mjs';

// duckdb/bug4903.parquet: dt3 TIMESTAMP down to year -1, dt2 its epoch seconds.
const bug4903 = path.resolve(projectRoot, '../shared/corpus/parquet/duckdb/bug4903.parquet');
const UTC = ['--conf', 'spark.sql.session.timeZone=UTC'];

// Spark's year: at least four digits, '-' below zero, '+' above 9999.
function sparkYear(y) {
  const digits = String(Math.abs(y)).padStart(4, '0');
  return y < 0 ? `-${digits}` : y > 9999 ? `+${digits}` : digits;
}
function sparkTimestamp(seconds) {
  const d = new Date(seconds * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${sparkYear(d.getUTCFullYear())}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

// JSON output as Spark's to_json with a pattern of the CAST text (to_json's default adds 'T'
// and the zone).
function jsonRows(args) {
  const out = sluice(['cat', ...args, ...UTC, '--format', 'json', '--limit', '-1',
    '-O', 'timestampFormat=yyyy-MM-dd HH:mm:ss']);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

test('timestamps before year 0 print as Spark does, and --where and CSV accept the text', (t) => {
  const rows = jsonRows([bug4903]);
  assert.ok(rows.some((r) => r.dt3.startsWith('-0001-')), 'the file reaches year -1');
  for (const r of rows) assert.equal(r.dt3, sparkTimestamp(r.dt2), `dt2 = ${r.dt2}`);

  const last = rows.at(-1);
  assert.deepEqual(jsonRows([bug4903, '--where', `dt3 = '${last.dt3}'`]), [last]);
  assert.deepEqual(jsonRows([bug4903, '--where', `dt3 < '0000-01-01'`]), [last]);

  // What `cat --format csv` writes reads back as the same values.
  const dir = tempDir(t);
  const csv = path.join(dir, 'bug4903.csv');
  const out = sluice(['cat', bug4903, ...UTC, '--format', 'csv', '--limit', '-1']);
  assert.equal(out.code, 0, out.stderr);
  writeFileSync(csv, out.stdout);
  assert.deepEqual(jsonRows([csv, '-o', 'header=true', '-o', 'mode=FAILFAST',
    '--schema', 'dt STRING, dt2 BIGINT, dt3 TIMESTAMP']), rows);
});

test('dates outside 0000-9999 round-trip through cat, --where and the CSV reader', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'd.csv');
  const dates = ['-0001-12-29', '0000-01-01', '9999-12-31', '+10000-01-01', '-12345-06-07'];
  writeFileSync(file, `d\n${dates.join('\n')}\n`);
  const args = [file, '-o', 'header=true', '-o', 'mode=FAILFAST', '--schema', 'd DATE'];
  assert.deepEqual(jsonRows(args).map((r) => r.d), dates);
  assert.deepEqual(jsonRows([...args, '--where', `d < '0000-01-01'`]).map((r) => r.d),
    ['-0001-12-29', '-12345-06-07']);
  assert.deepEqual(jsonRows([...args, '--where', `d = '+10000-01-01'`]).map((r) => r.d),
    ['+10000-01-01']);
  // With a pattern, Java's strict year rules: "10000" without its '+' is not a yyyy year.
  const patterned = path.join(dir, 'p.csv');
  writeFileSync(patterned, 'd\n-0001/12/29\n+10000/01/01\n10000/01/01\n');
  const out = sluice(['cat', patterned, '-o', 'header=true', '-o', 'dateFormat=yyyy/MM/dd',
    '--schema', 'd DATE', ...UTC, '--format', 'json', '--limit', '-1']);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.stdout.trim().split('\n').map((l) => JSON.parse(l).d),
    ['-0001-12-29', '+10000-01-01', null]);
});
