// Window functions against DuckDB: the same window expressions over the same generated rows
// (NULL and repeated partition and order keys) give the same value for every row. Orders
// that ROWS frames and row_number depend on are made total with the unique id.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice, tempDir } from './helpers.mjs';

// The CSV file as table t in DuckDB (NULLs ordered as Spark orders them) and as Sluice's
// temporary view t with the columns `ddl` (Spark types: INT, BIGINT, STRING).
async function csvTable(file, ddl) {
  const duckTypes = { INT: 'INTEGER', BIGINT: 'BIGINT', STRING: 'VARCHAR' };
  const columns = ddl.split(', ').map((c) => c.split(' ')).map(([n, ty]) => `'${n}': '${duckTypes[ty]}'`);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}', header = true, columns = {${columns.join(', ')}})`);
  const view = `CREATE TEMPORARY VIEW t (${ddl}) USING csv OPTIONS (path '${file}', header 'true');`;
  return { con, view };
}

const W = 'PARTITION BY p ORDER BY o NULLS FIRST';
const WT = 'PARTITION BY p ORDER BY o NULLS FIRST, id';
const EXPRESSIONS = [
  `row_number() OVER (${WT})`,
  `rank() OVER (${W})`,
  `dense_rank() OVER (PARTITION BY p ORDER BY o DESC NULLS LAST)`,
  `percent_rank() OVER (PARTITION BY p ORDER BY o NULLS LAST)`,
  `cume_dist() OVER (${W})`,
  `ntile(4) OVER (${WT})`,
  `ntile(7) OVER (ORDER BY id)`,
  `lag(v, 2, -1) OVER (${WT})`,
  `lead(v) OVER (${WT})`,
  `lead(v, -3) OVER (${WT})`,
  `sum(v) OVER (${W})`,
  `sum(v) OVER (PARTITION BY p)`,
  `count(*) OVER ()`,
  `avg(v) OVER (${W} RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)`,
  `count(v) OVER (PARTITION BY p ORDER BY o DESC NULLS FIRST RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING)`,
  `sum(v) OVER (ORDER BY o NULLS LAST RANGE BETWEEN 1 FOLLOWING AND 4 FOLLOWING)`,
  `min(v) OVER (${W} RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)`,
  `max(v) OVER (${WT} ROWS BETWEEN 5 PRECEDING AND 2 PRECEDING)`,
  `sum(v) OVER (${WT} ROWS BETWEEN 2 PRECEDING AND 3 FOLLOWING)`,
  `count(v) OVER (${WT} ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)`,
  `sum(v) OVER (${WT} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`,
  `first_value(v) OVER (${WT} ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING)`,
  `last_value(v) OVER (${WT})`,
  `nth_value(v, 2) OVER (${WT} ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING)`,
];

test('window functions give the values DuckDB gives', async () => {
  const random = rng(7);
  const pick = (n, nulls) => (random() < nulls ? 'NULL' : String(Math.floor(random() * n)));
  const rows = [];
  for (let id = 0; id < 400; id++) rows.push(`(${id}, ${pick(4, 0.1)}, ${pick(25, 0.1)}, ${pick(100, 0.2)})`);
  const values = `VALUES ${rows.join(', ')}`;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`CREATE TABLE t AS SELECT * FROM (${values}) t(id, p, o, v)`);
  const view = `CREATE TEMPORARY VIEW t AS SELECT * FROM ${values} AS t(id, p, o, v);`;
  for (const e of EXPRESSIONS) {
    const query = `SELECT id, ${e} AS w FROM t ORDER BY id`;
    const expected = (await con.runAndReadAll(query)).getRowObjectsJson().map((r) => r.w);
    const r = sluice(['sql', '--format', 'tsv', '-e', `${view} ${query}`]);
    assert.equal(r.code, 0, `${e}: ${r.stderr}`);
    const actual = r.stdout.trim().split('\n').map((l) => l.split('\t')[1]);
    assert.equal(actual.length, expected.length, e);
    for (let i = 0; i < actual.length; i++) {
      const want = expected[i] === null ? 'NULL' : expected[i];
      if (want === 'NULL' || actual[i] === 'NULL') {
        assert.equal(actual[i], want, `${e}, id ${i}`);
      } else {
        assert.ok(Math.abs(Number(actual[i]) - Number(want)) < 1e-9, `${e}, id ${i}: ${actual[i]} vs ${want}`);
      }
    }
  }
});

// Enough rows that the window spreads them over hash parts: thousands of partitions named by
// long strings sharing a 40-byte prefix (the sort keys' tie-break), one partition holding a
// third of the rows, NULL keys, repeated order keys.
const SKEW_EXPRESSIONS = [
  'row_number() OVER (PARTITION BY u ORDER BY ts, id)',
  'rank() OVER (PARTITION BY u ORDER BY ts DESC)',
  'dense_rank() OVER (PARTITION BY u ORDER BY ev DESC NULLS LAST, ts)',
  'lag(ts) OVER (PARTITION BY u ORDER BY ts, ev, id)',
  'lead(v, 2) OVER (PARTITION BY u, ev ORDER BY ts NULLS LAST, id DESC)',
  'sum(v) OVER (PARTITION BY u ORDER BY ts, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
  'count(*) OVER (PARTITION BY u)',
  'max(ev) OVER (PARTITION BY u ORDER BY ts RANGE BETWEEN 100 PRECEDING AND CURRENT ROW)',
];

test('windows over many skewed partitions give the values DuckDB gives', async (t) => {
  const random = rng(11);
  const prefix = 'user-'.padEnd(45, 'x');
  const lines = ['id,u,ts,ev,v'];
  for (let id = 0; id < 40000; id++) {
    const r = random();
    const u = r < 0.02 ? '' : r < 0.35 ? `${prefix}hot` : `${prefix}${Math.floor(random() * 4000)}`;
    const ts = Math.floor(random() * 5000);
    const ev = random() < 0.05 ? '' : ['open', 'close', 'item_open'][Math.floor(random() * 3)];
    const v = random() < 0.1 ? '' : String(Math.floor(random() * 1000) - 500);
    lines.push(`${id},${u},${ts},${ev},${v}`);
  }
  const file = path.join(tempDir(t), 'events.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const { con, view } = await csvTable(file, 'id INT, u STRING, ts BIGINT, ev STRING, v INT');
  for (const e of SKEW_EXPRESSIONS) {
    const query = `SELECT id, ${e} AS w FROM t ORDER BY id`;
    const expected = (await con.runAndReadAll(query)).getRowsJson().map((r) => (r[1] === null ? 'NULL' : String(r[1])));
    const r = sluice(['sql', '--format', 'tsv', '-e', `${view} ${query}`]);
    assert.equal(r.code, 0, `${e}: ${r.stderr}`);
    const actual = r.stdout.trim().split('\n').map((l) => l.split('\t')[1]);
    assert.equal(actual.length, expected.length, e);
    for (let i = 0; i < actual.length; i++) assert.equal(actual[i], expected[i], `${e}, id ${i}`);
  }
});

// One partition of more than 64K rows spread over many batches beside thousands of small
// ones and a NULL one; long strings (a shared 30-byte prefix) as values and order keys, read
// through filters; QUALIFY row_number() bounds, which the window runs as a per-partition top-N.
// Under ASan (several times slower) the huge partition has 17K rows.
const HUGE_ROWS = process.env.SLUICE_SANITIZED === '1' ? 20000 : 80000;
test('a huge partition, long strings and QUALIFY row_number() give what DuckDB gives', async (t) => {
  const random = rng(13);
  const prefix = 'value-'.padEnd(30, 'y');
  const lines = ['id,u,ts,s'];
  for (let id = 0; id < HUGE_ROWS; id++) {
    const r = random();
    const u = r < 0.01 ? '' : r < 0.85 ? 'hot' : `user-${Math.floor(random() * 3000)}`;
    const ts = random() < 0.02 ? '' : String(Math.floor(random() * 20000));
    const s = random() < 0.05 ? '' : `${prefix}${Math.floor(random() * 500)}`;
    lines.push(`${id},${u},${ts},${s}`);
  }
  const file = path.join(tempDir(t), 'rows.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const { con, view } = await csvTable(file, 'id INT, u STRING, ts BIGINT, s STRING');
  const queries = [
    `SELECT id, lag(s, 1, 'none') OVER (PARTITION BY u ORDER BY ts, id) FROM t`,
    'SELECT id, lead(s) OVER (PARTITION BY u ORDER BY s DESC NULLS LAST, id) FROM t',
    // Filters keeping most rows share the file's strings, keeping few copy them.
    'SELECT id, s, lag(s) OVER (PARTITION BY u ORDER BY ts, id) FROM t WHERE id % 10 <> 3',
    'SELECT id, s, lead(s) OVER (PARTITION BY u ORDER BY ts, id) FROM t WHERE id % 10 = 3',
    'SELECT id, s FROM t QUALIFY row_number() OVER (PARTITION BY u ORDER BY ts DESC, s, id) = 1',
    'SELECT id, ts FROM t QUALIFY 3 >= row_number() OVER (PARTITION BY u, ts % 7 ORDER BY s NULLS LAST, id)',
    'SELECT id, s FROM t QUALIFY row_number() OVER (PARTITION BY u ORDER BY ts, id) < 3 AND s IS NOT NULL',
    'SELECT id FROM t QUALIFY row_number() OVER (PARTITION BY u ORDER BY ts DESC, id) = 2',
  ];
  for (const q of queries) {
    const query = `${q} ORDER BY id`;
    const expected = (await con.runAndReadAll(query)).getRowsJson()
      .map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('\t'));
    const r = sluice(['sql', '--format', 'tsv', '-e', `${view} ${query}`]);
    assert.equal(r.code, 0, `${q}: ${r.stderr}`);
    const actual = r.stdout.trim().split('\n').filter((l) => l !== '');
    assert.equal(actual.length, expected.length, q);
    for (let i = 0; i < actual.length; i++) assert.equal(actual[i], expected[i], `${q}, row ${i}`);
  }
});

// Windows over windows, as a sessionization chains them (the optimizer fuses them into one
// Window whose later calls read the earlier ones' results): a lag, a running sum of a CASE over
// it, a lead partitioned by that sum, and a row_number over an expression of both.
test('chained windows give the values DuckDB gives', async (t) => {
  const random = rng(17);
  const lines = ['id,u,ts,ev'];
  for (let id = 0; id < 30000; id++) {
    const r = random();
    const u = r < 0.02 ? '' : r < 0.2 ? 'user-hot' : `user-${Math.floor(random() * 2000)}`;
    const ts = random() < 0.02 ? '' : String(Math.floor(random() * 200000));
    lines.push(`${id},${u},${ts},${['open', 'close'][Math.floor(random() * 2)]}`);
  }
  const file = path.join(tempDir(t), 'events.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const { con, view } = await csvTable(file, 'id INT, u STRING, ts BIGINT, ev STRING');
  const order = 'ORDER BY ts, ev, id';
  const query = `WITH marked AS (
      SELECT *, CASE WHEN ts - lag(ts) OVER (PARTITION BY u ${order}) <= 1800 THEN 0 ELSE 1 END AS new
      FROM t),
    sessions AS (
      SELECT *, sum(new) OVER (PARTITION BY u ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s
      FROM marked),
    gaps AS (
      SELECT id, u, s, new, lead(ts) OVER (PARTITION BY u, s ${order}) - ts AS gap FROM sessions)
    SELECT id, s, new, gap, row_number() OVER (PARTITION BY u, s * 10 + coalesce(gap, 0) % 10 ORDER BY id DESC) AS r
    FROM gaps ORDER BY id`;
  const expected = (await con.runAndReadAll(query)).getRowsJson()
    .map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('\t'));
  const r = sluice(['sql', '--format', 'tsv', '-e', `${view} ${query}`]);
  assert.equal(r.code, 0, r.stderr);
  const actual = r.stdout.trim().split('\n');
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) assert.equal(actual[i], expected[i], `row ${i}`);
  // The chain did run as one Window.
  const explain = sluice(['sql', '-e', `${view} EXPLAIN ${query}`]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.equal(explain.stdout.match(/Window/g).length, 1, explain.stdout);
});
