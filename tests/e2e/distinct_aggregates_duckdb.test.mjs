// Global aggregates with DISTINCT (which the optimizer makes two aggregates: the inner one
// grouped by the distinct values) against DuckDB on the same generated rows: one DISTINCT
// argument list or several, beside merged aggregates (count, sum, avg, min, ...), with FILTER, over
// NULLs and over no rows; and the plan is the two aggregates.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseExact, sluice, tempDir } from './helpers.mjs';

const ROWS = `SELECT i AS id,
  CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 1000) / 10.0 - 30 END::DOUBLE AS x,
  CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 31) % 1024 END::BIGINT AS n,
  CASE WHEN i % 19 = 0 THEN NULL ELSE (i * 3) % 5 <> 0 END AS b,
  CASE WHEN i % 23 = 0 THEN NULL ELSE 'k' || ((i * 7919) % 613) END AS s,
  ((i * 13) % 9000 / 100.0)::DECIMAL(6, 2) AS d
  FROM range(30000) t(i)`;

// [Sluice select list, DuckDB select list]; numbers compared as text, lists sorted.
const QUERIES = [
  ['count(DISTINCT n)', 'count(DISTINCT n)'],
  ['count(DISTINCT s), sum(DISTINCT n), avg(DISTINCT x)',
    'count(DISTINCT s), sum(DISTINCT n), avg(DISTINCT x)'],
  ['count(DISTINCT n), count(*), count(x), sum(n), sum(d), min(s), max(x), bool_and(b), ' +
    'bool_or(b), count_if(b), bit_xor(n), bit_or(n)',
  'count(DISTINCT n), count(*), count(x), sum(n), sum(d), min(s), max(x), bool_and(b), ' +
    'bool_or(b), count(*) FILTER (WHERE b), bit_xor(n), bit_or(n)'],  // DuckDB's count_if of none is NULL
  ['count(DISTINCT n), count(DISTINCT s), sum(DISTINCT d), count(*), sum(x) FILTER (WHERE b), ' +
    'max(DISTINCT s)',
  'count(DISTINCT n), count(DISTINCT s), sum(DISTINCT d), count(*), sum(x) FILTER (WHERE b), ' +
    'max(DISTINCT s)'],
  // avg as a sum of DOUBLEs over a count; NULL over no rows and over NULLs only.
  ['count(DISTINCT s), avg(x), avg(n), avg(x) FILTER (WHERE b), avg(CASE WHEN n < 0 THEN x END)',
    'count(DISTINCT s), avg(x), avg(n), avg(x) FILTER (WHERE b), avg(CASE WHEN n < 0 THEN x END)'],
  ['count(DISTINCT n, b), count(DISTINCT n)',
    "count(DISTINCT {'n': n, 'b': b}) FILTER (WHERE n IS NOT NULL AND b IS NOT NULL), " +
    'count(DISTINCT n)'],
  ['count(DISTINCT n) FILTER (WHERE b), count(DISTINCT n) FILTER (WHERE NOT b), ' +
    'sum(DISTINCT n % 7) FILTER (WHERE s > \'k3\'), count(DISTINCT n)',
  'count(DISTINCT n) FILTER (WHERE b), count(DISTINCT n) FILTER (WHERE NOT b), ' +
    'sum(DISTINCT n % 7) FILTER (WHERE s > \'k3\'), count(DISTINCT n)'],
  ['sort_array(collect_set(DISTINCT n % 10)), count(DISTINCT upper(s)), bit_xor(DISTINCT n % 8)',
    // Spark's collect_set of no rows is [], DuckDB's list NULL.
    'coalesce(list_sort(list(DISTINCT n % 10) FILTER (WHERE n IS NOT NULL)), []), ' +
    'count(DISTINCT upper(s)), ' +
    'bit_xor(DISTINCT n % 8)'],
];

function text(v) {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return `[${v.map(String).join(',')}]`;
  if (v?.items) return `[${v.items.map(String).join(',')}]`;
  return String(v);
}

function numberish(a, e) {
  // DuckDB and Sluice print doubles with different digits: compare those as numbers.
  if (a === null || e === null || Number.isNaN(Number(e)) || !/[.e]/.test(e)) return a === e;
  return Math.abs(Number(a) - Number(e)) <= 1e-9 * Math.max(1, Math.abs(Number(e)));
}

test('global DISTINCT aggregates agree with DuckDB, over rows and over none', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'rows.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (${ROWS}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 4000)`);
  for (const where of ['', 'WHERE id % 3 = 1', 'WHERE id < 0']) {
    for (const [ours, theirs] of QUERIES) {
      const expected = (await con.runAndReadAll(`SELECT ${theirs} FROM '${file}' ${where}`))
        .getRows()[0].map(text);
      const r = sluice(['sql', '--format', 'json', '-e',
        `SELECT ${ours} FROM parquet.\`${file}\` ${where}`]);
      assert.equal(r.code, 0, r.stderr);
      const rows = r.stdout.trim().split('\n').map(parseExact);
      assert.equal(rows.length, 1);
      const actual = Object.values(rows[0]).map(text);
      assert.equal(actual.length, expected.length);
      actual.forEach((a, i) => assert.ok(numberish(a, expected[i]),
        `${ours} ${where}: column ${i}: ${a} vs ${expected[i]}`));
    }
  }
});

test('a global DISTINCT aggregate is planned as two aggregates, the inner one grouped', () => {
  const r = sluice(['sql', '-e', 'EXPLAIN SELECT count(DISTINCT id % 10), count(*) FROM range(100)']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.match(/Aggregate/g)?.length, 2, r.stdout);
  assert.match(r.stdout, /Aggregate \[\(id % 10\)\]/);
  // An aggregate that cannot be merged (stddev beside a DISTINCT one) leaves it one aggregate.
  const one = sluice(['sql', '-e',
    'EXPLAIN SELECT count(DISTINCT id % 10), stddev(id) FROM range(100)']);
  assert.equal(one.stdout.match(/Aggregate/g)?.length, 1, one.stdout);
});
