// Correlated subqueries against DuckDB, with the optimizer on (most become joins) and off
// (each runs per outer row): keys with NULLs and duplicates on both sides, keys only one
// side has, NOT IN over NULLs, count over no rows, two levels of nesting.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

const QUERIES = [
  `SELECT a.id FROM A a WHERE EXISTS (SELECT 1 FROM B b WHERE b.k = a.k AND b.w > a.v)`,
  `SELECT a.id FROM A a WHERE NOT EXISTS (SELECT 1 FROM B b WHERE b.k = a.k)`,
  `SELECT a.id FROM A a WHERE a.s <> 'c' AND NOT EXISTS (SELECT 1 FROM B b WHERE b.k = a.k AND b.x = a.s AND b.w < 40)`,
  `SELECT a.id FROM A a WHERE a.v IN (SELECT b.w FROM B b WHERE b.k = a.k)`,
  `SELECT a.id FROM A a WHERE a.v NOT IN (SELECT b.w FROM B b WHERE b.k = a.k)`,
  `SELECT a.id FROM A a WHERE a.v NOT IN (SELECT b.w FROM B b WHERE b.k = a.k AND b.x = 'b')`,
  `SELECT a.id, (SELECT count(*) FROM B b WHERE b.k = a.k) FROM A a`,
  `SELECT a.id, (SELECT count(b.w) FROM B b WHERE b.k = a.k AND b.x = a.s), (SELECT sum(b.w) + 1 FROM B b WHERE b.k = a.k AND b.w > 5) FROM A a`,
  `SELECT a.id FROM A a WHERE a.v > (SELECT max(b.w) FROM B b WHERE b.k = a.k)`,
  `SELECT a.id FROM A a WHERE (SELECT count(*) FROM B b WHERE b.k = a.k AND b.w < 10) = 0`,
  `SELECT k, count(*) FROM A a GROUP BY k HAVING count(*) > (SELECT count(*) FROM B b WHERE b.k = a.k)`,
  `SELECT k, (SELECT min(b.w) FROM B b WHERE b.k = a.k) FROM A a GROUP BY k`,
  `SELECT a.id FROM A a WHERE EXISTS (SELECT 1 FROM B b WHERE b.k = a.k AND EXISTS (SELECT 1 FROM A a2 WHERE a2.k = b.w AND a2.v > 90))`,
  `SELECT a.id FROM A a WHERE EXISTS (SELECT 1 FROM B b WHERE b.k = a.k AND b.w IN (SELECT a2.v FROM A a2 WHERE a2.k = a.k + 1))`,
  `SELECT count(*) FROM A a WHERE NOT EXISTS (SELECT 1 FROM B b WHERE b.k = a.k AND b.w < 0)`,
];

function rows(text) {
  return text.trim().split('\n').filter((l) => l !== '').sort();
}

async function tables(dir) {
  const a = path.join(dir, 'a.parquet'), b = path.join(dir, 'b.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`CREATE TABLE A AS SELECT i AS id, CASE WHEN i % 13 = 0 THEN NULL ELSE i % 400 END AS k,
    CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 37) % 101 END AS v,
    CASE WHEN i % 11 = 0 THEN NULL ELSE chr((97 + i % 4)::INTEGER) END AS s FROM range(1, 3000) t(i)`);
  await con.run(`CREATE TABLE B AS SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7) % 500 END AS k,
    CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 13) % 97 END AS w,
    CASE WHEN i % 9 = 0 THEN NULL ELSE chr((97 + i % 3)::INTEGER) END AS x FROM range(0, 2000) t(i)`);
  await con.run(`COPY A TO '${a}' (FORMAT parquet)`);
  await con.run(`COPY B TO '${b}' (FORMAT parquet)`);
  const ours = (q) => q.replaceAll(/\bA\b/g, `parquet.\`${a}\``).replaceAll(/\bB\b/g, `parquet.\`${b}\``);
  return { con, ours };
}

test('correlated subqueries agree with DuckDB, optimizer on and off', async (t) => {
  const { con, ours } = await tables(tempDir(t));
  for (const q of QUERIES) {
    const expected = (await con.runAndReadAll(q)).getRows()
      .map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('\t')).sort();
    for (const enabled of ['true', 'false']) {
      const r = sluice(['sql', '--conf', `sluice.optimizer.enabled=${enabled}`, '-e', ours(q)]);
      assert.equal(r.code, 0, `${q}\n${r.stderr}`);
      assert.deepEqual(rows(r.stdout), expected, `optimizer ${enabled}: ${q}`);
    }
  }
});

test('EXPLAIN shows the joins that replace correlated subqueries', async (t) => {
  const { ours } = await tables(tempDir(t));
  const explain = (q) => {
    const r = sluice(['sql', '-e', `EXPLAIN ${ours(q)}`]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  assert.match(explain(QUERIES[0]), /Join LeftSemi, \(\(k = k\) AND \(w > v\)\)/);
  assert.match(explain(QUERIES[1]), /Join LeftAnti, \(k = k\)/);
  assert.match(explain(QUERIES[6]), /Join LeftOuter[\s\S]*Aggregate \[k\], \[count\]/);
  assert.doesNotMatch(explain(QUERIES[6]), /scalarsubquery/);
});
