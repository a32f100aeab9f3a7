// Larger than memory: an ORDER BY over about four times --memory-limit sorts runs to disk and
// merges them, and prints exactly DuckDB's rows in DuckDB's order (the keys end with the id, a
// total order); the process's peak resident memory stays under the limit plus the documented
// slack, and the spill folder is empty afterwards.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { measured, sluice, tempDir } from './helpers.mjs';

// A sanitizer build is several times slower and its shadow memory is not the engine's.
const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const ROWS = SANITIZED ? 400000 : 4000000;
const LIMIT_MB = SANITIZED ? 8 : 64;
// README "Memory": the binary, its libraries and the memory not counted.
const SLACK_MB = 48;

// A string (longer than a string view holds inline), a double with NULLs, and the id.
const rows = (source) => `SELECT id, 'user-' || (id * 31 % 100003) || '-item-' || (id % 997) AS s,
  IF(id % 11 = 0, NULL, CAST(id * 7919 % 1000003 AS DOUBLE) / 8) AS d FROM ${source}`;
const ORDER = 'ORDER BY d DESC NULLS LAST, s ASC NULLS FIRST, id';

// The first line where two texts differ, for a short failure message.
function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, n) => line !== e[n]);
  return `${a.length} lines, expected ${e.length}; line ${i + 1}: ${a[i]} != ${e[i]}`;
}

test('an ORDER BY of about four times --memory-limit spills and gives DuckDB\'s order', async (t) => {
  const dir = tempDir(t);
  const spill = path.join(dir, 'spill');
  const expectedFile = path.join(dir, 'expected.tsv');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (${rows(`range(${ROWS}) t(id)`)} ${ORDER}) TO '${expectedFile}'
    (HEADER false, DELIMITER '\t', NULLSTR 'NULL')`);
  const expected = readFileSync(expectedFile, 'utf8');

  const args = ['sql', '--format', 'tsv', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', spill];
  const r = measured([...args, '-e', `${rows(`range(${ROWS})`)} ${ORDER}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout === expected, firstDifference(r.stdout, expected));
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);

  // It did spill, and without a limit the sort holds several times the limit.
  const explain = sluice([...args, '-e', `EXPLAIN ANALYZE ${rows(`range(${ROWS})`)} ${ORDER}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /Sort .*spilled=[\d.]+ [KMG]iB/);
  assert.deepEqual(readdirSync(spill), []);
  const unlimited = sluice(['sql', '-e', `EXPLAIN ANALYZE ${rows(`range(${ROWS})`)} ${ORDER}`]);
  assert.doesNotMatch(unlimited.stdout, /spilled=/);
  const [, peak, unit] = /Sort .*peak=([\d.]+) ([MG])iB/.exec(unlimited.stdout) ?? [];
  assert.ok(Number(peak) * (unit === 'G' ? 1024 : 1) > 3.5 * LIMIT_MB, unlimited.stdout);
});

test('a top-N over a spilled input keeps DuckDB\'s first rows', async (t) => {
  const spill = path.join(tempDir(t), 'spill');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const expected = (await con.runAndReadAll(`${rows(`range(${ROWS}) t(id)`)} ${ORDER} LIMIT 1000`))
    .getRows().map(([id, s, d]) => [id, s, d === null ? 'NULL'
      : Number.isInteger(d) ? d.toFixed(1) : String(d)].join('\t'));
  const r = measured(['sql', '--format', 'tsv', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir',
    spill, '-e', `${rows(`range(${ROWS})`)} ${ORDER} LIMIT 1000`]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), expected);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak} MiB`);
  assert.deepEqual(readdirSync(spill), []);
});
