// Arrays in `sluice sql` against DuckDB over the same Parquet file (written by DuckDB, more
// rows than one batch, NULL lists and NULL elements): LATERAL VIEW explode, explode in the
// select list, and lambdas (transform, filter, aggregate, exists) give DuckDB's rows.
import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

// Rows as sorted text lines, NULL spelled as Sluice's tsv does.
function lines(rows) {
  return rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('\t')).sort();
}

const queries = [
  {
    name: 'LATERAL VIEW explode',
    sluice: 'SELECT id, x FROM t LATERAL VIEW explode(arr) v AS x',
    duckdb: 'SELECT id, unnest(arr) FROM t',
  },
  {
    name: 'LATERAL VIEW OUTER posexplode',
    sluice: 'SELECT id, p, x FROM t LATERAL VIEW OUTER posexplode(arr) v AS p, x',
    duckdb: `SELECT id, p - 1, arr[p] FROM t, LATERAL (SELECT unnest(CASE WHEN len(arr) > 0
               THEN range(1, len(arr) + 1) ELSE [NULL] END) AS p)`,
  },
  {
    name: 'explode in the select list, filtered',
    sluice: 'SELECT id, explode(arr) AS x FROM t WHERE id % 3 = 0',
    duckdb: 'SELECT id, unnest(arr) FROM t WHERE id % 3 = 0',
  },
  {
    name: 'transform reading a column',
    sluice: "SELECT id, array_join(transform(arr, x -> x * 2 + id), ',', 'N') FROM t",
    duckdb: `SELECT id, array_to_string(list_transform(arr, x -> coalesce((x * 2 + id)::VARCHAR,
               'N')), ',') FROM t`,
  },
  {
    name: 'filter, aggregate and exists',
    sluice: `SELECT id, size(filter(arr, x -> x > 50)), aggregate(arr, 0L, (a, x) -> a + coalesce(x, 0)),
               exists(arr, x -> x = 7) FROM t WHERE arr IS NOT NULL`,
    duckdb: `SELECT id, len(list_filter(arr, x -> x > 50)), coalesce(list_sum(arr), 0),
               CASE WHEN list_contains(arr, 7) THEN 'true' WHEN list_contains(arr, NULL)
               OR len(list_filter(arr, x -> x IS NULL)) > 0 THEN NULL ELSE 'false' END
             FROM t WHERE arr IS NOT NULL`,
  },
];

test('arrays from a Parquet file: generators and lambdas agree with DuckDB', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 't.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  // 5,000 rows: every 10th list NULL, every 7th empty, every 5th element NULL.
  await con.run(`COPY (SELECT i AS id,
      CASE WHEN i % 10 = 0 THEN NULL WHEN i % 7 = 0 THEN []::INT[]
           ELSE list_transform(range((i * 7919) % 9 + 1),
                  x -> CASE WHEN (x + i) % 5 = 0 THEN NULL ELSE ((x * 31 + i) % 100)::INT END)
      END AS arr
    FROM range(5000) r(i)) TO '${file}' (FORMAT PARQUET)`);
  await con.run(`CREATE VIEW t AS SELECT * FROM read_parquet('${file}')`);
  for (const q of queries) {
    const r = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv', '-e',
      `CREATE TEMPORARY VIEW t AS SELECT * FROM parquet.\`${file}\`; ${q.sluice}`]);
    assert.equal(r.code, 0, `${q.name}: ${r.stderr}`);
    const expected = lines((await con.runAndReadAll(q.duckdb)).getRows());
    const actual = r.stdout.split('\n').filter((l) => l !== '').sort();
    assert.ok(expected.length > 2048, `${q.name}: too few rows to span batches`);
    assert.deepEqual(actual, expected, q.name);
  }
});
