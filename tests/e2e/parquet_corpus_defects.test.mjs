// Parquet files of other projects (../shared/corpus/parquet) that Sluice once read wrong or
// refused: each now reads the rows DuckDB reads, or is refused with the reason named.
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseExact, projectRoot, sluice, tempDir } from './helpers.mjs';

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

// Errors that once misled: each names the file and what is wrong.
test('encrypted files and columns, and undefined types, are named as such', (t) => {
  // The encrypted-footer file's name does not end in .parquet: read it through a link.
  const dir = tempDir(t);
  const encrypted = path.join(dir, 'uniform_encryption.parquet');
  symlinkSync(file('parquet-testing/data/uniform_encryption.parquet.encrypted'), encrypted);
  const cases = [
    [encrypted, 'encrypted Parquet files are not supported (magic PARE: the footer is encrypted)'],
    [file('duckdb/encryption/encrypted_column.parquet'),
      "row group 0: column 'a' is encrypted, and encrypted Parquet columns are not supported"],
    [file('parquet-testing/bad_data/PARQUET-1481.parquet'),
      "column 'Handle' has physical type -7, which the Parquet format does not define (0-7)"],
    [file('duckdb/broken/issue22325_datapage_v2_zero_compressed_size.parquet'),
      "column 'b', page 1 at byte 67: the page holds no compressed bytes but claims 10 uncompressed"],
  ];
  for (const [f, message] of cases) {
    const r = sluice(['cat', f]);
    assert.equal(r.code, 2, f);
    assert.ok(r.stderr.includes(`'${f}'`), r.stderr);
    assert.ok(r.stderr.includes(message), r.stderr);
  }
  const inspect = sluice(['inspect', encrypted]);
  assert.equal(inspect.code, 2);
  assert.match(inspect.stderr, /encrypted Parquet files are not supported/);
  // A logical type newer than Sluice is named by its number; the column reads as its
  // physical type (BYTE_ARRAY: BINARY), as the format intends.
  const unknown = sluice(['inspect', file('parquet-testing/data/unknown-logical-type.parquet')]);
  assert.equal(unknown.code, 0, unknown.stderr);
  assert.match(unknown.stdout, /column with unknown type +BYTE_ARRAY +OPTIONAL +logical type 2555/);
});
