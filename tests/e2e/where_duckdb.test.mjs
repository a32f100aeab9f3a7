// `--where` against DuckDB: the same SQL conditions over the same generated rows (CSV, and
// Hive-partitioned Parquet whose row groups and partitions are pruned) keep the same rows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

const SELECT = `SELECT i AS id,
  CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 37) % 101 END::INTEGER AS n,
  CASE WHEN i % 7 = 0 THEN NULL ELSE chr((97 + (i * 11) % 26)::INTEGER) || (i % 5) END AS s,
  ((i * 13) % 400) / 100.0 - 1 AS d,
  DATE '2024-01-01' + (i % 31)::INTEGER AS dt,
  TIMESTAMP '2024-01-01' + to_seconds(i * 1327) AS ts,
  ((i * 7) % 2000 / 100)::DECIMAL(12,2) AS dec,
  i % 4 AS p
  FROM range(3000) t(i)`;
const SCHEMA = 'id BIGINT, n INT, s STRING, d DOUBLE, dt DATE, ts TIMESTAMP, dec DECIMAL(12,2), p INT';
const WHERE = [
  'n >= 50',
  'n IN (1, 2, 3, 77) AND s IS NOT NULL',
  "s < 'm'",
  'd > 0.5 AND d <= 2',
  "dt = '2024-01-15'",
  "ts >= '2024-01-10 12:00:00' AND ts < '2024-01-20 00:00:00'",
  'dec < 10.5',
  'n IS NULL',
  'p = 3 AND id < 1000',
  'p IN (0, 2) AND n > 90',
  // Any SQL condition: OR, NOT, functions, arithmetic, a pushable conjunct beside others.
  "n < 5 OR s = 'c1'",
  'NOT (n > 10) AND p <> 1',
  "upper(s) LIKE 'B%' AND length(s) = 2",
  'id % 17 = 3 OR dec BETWEEN 1 AND 2',
  'p = 2 AND (coalesce(n, -1) < 0 OR d < -0.9)',
];

test('--where keeps the rows DuckDB keeps, for CSV and partitioned Parquet', async (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'rows.csv');
  const parquet = path.join(dir, 'rows');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`CREATE TABLE t AS ${SELECT}`);
  await con.run(`COPY t TO '${csv}' (HEADER)`);
  await con.run(`COPY t TO '${parquet}' (FORMAT parquet, PARTITION_BY (p), ROW_GROUP_SIZE 500)`);
  for (const where of WHERE) {
    const expected = (await con.runAndReadAll(`SELECT id FROM t WHERE ${where} ORDER BY id`))
      .getRowObjectsJson().map((r) => Number(r.id));
    assert.ok(expected.length > 0 && expected.length < 3000, `'${where}' selects some rows`);
    for (const [name, args] of [
      ['csv', [csv, '-o', 'header=true', '--schema', SCHEMA]],
      ['parquet', [parquet]],
    ]) {
      const r = sluice(['cat', ...args, '--where', where, '-f', 'json', '--limit', '-1',
        '--conf', 'spark.sql.session.timeZone=UTC']);
      assert.equal(r.code, 0, r.stderr);
      const ids = r.stdout.trim().split('\n').filter(Boolean).map((l) => Number(JSON.parse(l).id)).sort((a, b) => a - b);
      assert.deepEqual(ids, expected, `${name}: ${where}`);
    }
  }
});

test('--where errors name the position and the nearest column', (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'rows.csv');
  fs.writeFileSync(csv, 'user_id,n\nu1,1\n');
  let r = sluice(['cat', csv, '-o', 'header=true', '--where', 'usr_id = 1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--where.*user_id/s);
  r = sluice(['cat', csv, '-o', 'header=true', '--where', 'n = = 1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--where.*\^/s);
  r = sluice(['cat', csv, '-o', 'header=true', '--where', 'n + 1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not BOOLEAN/);
});
