// BROTLI Parquet: the corpus files other writers made read as DuckDB reads them, and
// files Sluice writes with it read in DuckDB as the original.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseExact, projectRoot, sluice, tempDir } from './helpers.mjs';

const corpus = path.resolve(projectRoot, '../shared/corpus/parquet');

for (const name of ['data_page=1_BROTLI.parquet', 'data_page=2_BROTLI.parquet']) {
  test(`corpus ${name} reads as DuckDB reads it`, async () => {
    const file = path.join(corpus, 'duckdb/compression/generated', name);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const codecs = (await con.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`)).getRowsJson();
    assert.deepEqual(codecs, [['BROTLI']]);
    const theirs = (await con.runAndReadAll(`SELECT * FROM '${file}'`)).getRowObjectsJson();
    const r = sluice(['cat', file, '--format', 'json', '--limit', '-1']);
    assert.equal(r.code, 0, r.stderr);
    const ours = r.stdout.trim().split('\n').map(parseExact);
    assert.equal(ours.length, theirs.length);
    assert.deepEqual(ours, theirs);
  });
}

test('Sluice-written BROTLI Parquet reads in DuckDB as the original', async (t) => {
  const dir = tempDir(t);
  const source = path.join(dir, 'source.parquet');
  const written = path.join(dir, 'written.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT range AS id, 'name_' || (range % 97) AS s, CASE WHEN range % 7 = 0 THEN NULL
      ELSE range * 0.5 END AS d, [range, range + 1] AS l FROM range(50000)) TO '${source}' (FORMAT parquet)`);
  const r = sluice(['convert', source, written, '--compression', 'brotli']);
  assert.equal(r.code, 0, r.stderr);
  const codecs = (await con.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${written}')`)).getRowsJson();
  assert.deepEqual(codecs, [['BROTLI']]);
  for (const [a, b] of [[source, written], [written, source]]) {
    const diff = (await con.runAndReadAll(`SELECT count(*) FROM (SELECT * FROM '${a}' EXCEPT ALL SELECT * FROM '${b}')`)).getRowsJson();
    assert.equal(diff[0][0], '0', `rows of ${path.basename(a)} missing from ${path.basename(b)}`);
  }
});
