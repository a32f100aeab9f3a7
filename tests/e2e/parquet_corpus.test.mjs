// Parquet files of other projects (../shared/corpus/parquet) that Sluice once read wrong or
// refused: each now reads the rows DuckDB reads, or is refused with the reason named.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseExact, projectRoot, sluice } from './helpers.mjs';

const corpus = path.resolve(projectRoot, '../shared/corpus/parquet');
const file = (name) => path.join(corpus, name);

// DuckDB's rows with every value as text (or null), as Sluice's JSON gives them here.
async function duckdbRows(sql, setup = []) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  for (const s of setup) await con.run(s);
  const rows = (await con.runAndReadAll(sql)).getRowsJson();
  return rows.map((r) => r.map((v) => (v === null ? null : String(v))));
}

// Sluice's rows as arrays of JSON values (numbers as exact text), in column order.
function sluiceRows(args) {
  const r = sluice(['cat', ...args, '--format', 'json', '--limit', '-1', '--conf', 'spark.sql.session.timeZone=UTC']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').filter((l) => l).map((l) => Object.values(parseExact(l)));
}

test('columns whose names differ only in case: refused, or read apart when case-sensitive', async () => {
  const f = file('duckdb/bug13053.parquet');
  const refused = sluice(['cat', f]);
  assert.equal(refused.code, 2, refused.stdout);
  assert.match(refused.stderr, /bug13053\.parquet': found duplicate column\(s\) in the data schema: `column`/);
  // DuckDB renames them apart; by position its values are the file's.
  const theirs = await duckdbRows(`SELECT * FROM '${f}'`);
  const conf = ['--conf', 'spark.sql.caseSensitive=true'];
  assert.deepEqual(sluiceRows([f, ...conf]), theirs);
  assert.deepEqual(sluiceRows([f, ...conf, '--where', 'COLUMN = 5']), theirs.filter((r) => r[1] === '5'));
  assert.deepEqual(sluiceRows([f, ...conf, '--where', 'Column >= 8']), theirs.filter((r) => Number(r[2]) >= 8));
});

test('exact duplicate column names are refused in both modes', () => {
  for (const conf of [[], ['--conf', 'spark.sql.caseSensitive=true']]) {
    const r = sluice(['cat', file('duckdb/bug13053-2.parquet'), ...conf]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /found duplicate column\(s\) in the data schema: `column`$/m);
  }
});

for (const name of ['parquet-testing/data/datapage_v2_empty_datapage.snappy.parquet', 'duckdb/compression/empty_datapage_v2.snappy.parquet']) {
  test(`an empty v2 data page reads as DuckDB reads it (${name})`, async () => {
    const theirs = await duckdbRows(`SELECT * FROM '${file(name)}'`);
    assert.deepEqual(theirs, [[null]]);
    assert.deepEqual(sluiceRows([file(name)]), theirs);
  });
}

// Statistics that contradict themselves (min above max; a chunk claiming 0 values in 8
// rows) must not prune away rows that are there.
for (const [name, wheres] of [
  ['duckdb/out_of_range_stats.parquet', ['hcol0 = 255', 'hcol0 > 254', 'hcol0 IS NOT NULL']],
  ['duckdb/parquet_column_num_values_mismatch.parquet', ['x = 3', 'x >= 6', 'x IS NOT NULL', 'n IS NULL', 's = \'target\'']],
]) {
  test(`untrustworthy statistics skip nothing (${name})`, async () => {
    // DuckDB filters a copy: its own Parquet scan trusts these statistics.
    const copy = [`CREATE TABLE t AS SELECT * FROM '${file(name)}'`];
    for (const where of wheres) {
      const theirs = await duckdbRows(`SELECT * FROM t WHERE ${where}`, copy);
      assert.ok(theirs.length > 0, where);
      assert.deepEqual(sluiceRows([file(name), '--where', where]), theirs, where);
    }
  });
}
