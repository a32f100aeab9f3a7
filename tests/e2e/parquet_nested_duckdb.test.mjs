// Interop of nested columns (STRUCT, LIST, MAP, nested in each other, NULL and empty at
// every level): files DuckDB writes (each codec, data pages v1 and v2) read in Sluice as
// DuckDB reads them, and files Sluice writes from them read in DuckDB as the original.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

const SELECT = `SELECT i AS id,
  CASE WHEN i % 7 = 0 THEN NULL WHEN i % 5 = 0 THEN []::INTEGER[] ELSE [i::INTEGER, NULL, (i * 2)::INTEGER][1:(i % 3) + 1] END AS l,
  CASE WHEN i % 11 = 0 THEN NULL ELSE {'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i::INTEGER END,
    'b': 'x' || (i % 13), 'c': CASE WHEN i % 17 = 0 THEN NULL ELSE {'d': i % 2 = 0} END} END AS s,
  CASE WHEN i % 9 = 0 THEN NULL WHEN i % 4 = 0 THEN MAP([]::VARCHAR[], []::BIGINT[])
    ELSE MAP(['k' || (i % 10), 'z'], [i::BIGINT * 1000003, NULL]) END AS m,
  CASE WHEN i % 13 = 0 THEN NULL ELSE [[i::VARCHAR], []::VARCHAR[], NULL, ['a', 'b'][1:(i % 2) + 1]] END AS ll,
  CASE WHEN i % 6 = 0 THEN NULL ELSE [{'p': (i * 1.5)::DECIMAL(30,2),
    'q': CASE WHEN i % 4 = 0 THEN NULL ELSE [i::INTEGER, (i + 1)::INTEGER] END}, NULL] END AS ls
  FROM range(20000) t(i)`;

async function duckdbJson(con, file) {
  const rows = (await con.runAndReadAll(`SELECT to_json(t)::VARCHAR AS j FROM read_parquet('${file}') t`)).getRowObjectsJson();
  return rows.map((r) => JSON.parse(r.j));
}

for (const [codec, version] of [['snappy', 'v1'], ['zstd', 'v2'], ['uncompressed', 'v1'], ['gzip', 'v2']]) {
  test(`nested Parquet from DuckDB (${codec}, ${version}) reads in Sluice, and Sluice's copy in DuckDB`, async (t) => {
    const dir = tempDir(t);
    const source = path.join(dir, 'source.parquet');
    const written = path.join(dir, 'written.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (${SELECT}) TO '${source}'
      (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 6000, PARQUET_VERSION ${version})`);

    // DuckDB's file in Sluice: the same values as JSON, row by row.
    const expected = await duckdbJson(con, source);
    const r = sluice(['cat', source, '--format', 'json', '--limit', '-1']);
    assert.equal(r.code, 0, r.stderr);
    const ours = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(ours.length, expected.length);
    for (let i = 0; i < expected.length; i++) assert.deepEqual(ours[i], expected[i], `row ${i}`);

    // Sluice's copy in DuckDB: same types, same rows in the same order.
    const c = sluice(['convert', source, written]);
    assert.equal(c.code, 0, c.stderr);
    const types = async (f) => (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${f}')`))
      .getRowObjectsJson().map((x) => [x.column_name, x.column_type]);
    assert.deepEqual(await types(written), await types(source));
    const copy = await duckdbJson(con, written);
    assert.equal(copy.length, expected.length);
    for (let i = 0; i < expected.length; i++) assert.deepEqual(copy[i], expected[i], `row ${i}`);
  });
}
