// Interop: Parquet that Sluice writes (every flat type, nulls, each codec, dictionary and
// plain pages, several row groups) reads in DuckDB with exactly the values it came from.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

const SELECT = `SELECT
  CASE WHEN i % 13 = 1 THEN NULL ELSE i % 3 = 0 END AS b,
  CASE WHEN i % 13 = 2 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS ti,
  (i * 7 % 65536 - 32768)::SMALLINT AS si,
  CASE WHEN i % 13 = 3 THEN NULL ELSE (i * 2654435761 % 4294967296 - 2147483648)::INTEGER END AS i32,
  (i * 11400714819323198485 % 18446744073709551616 - 9223372036854775808)::HUGEINT::BIGINT AS i64,
  CASE WHEN i % 17 = 0 THEN 'NaN'::FLOAT ELSE (i * 0.37 - 500)::FLOAT END AS f,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1.000001 - 1e6 END::DOUBLE AS d,
  (i * 1.23 - 1000)::DECIMAL(9,2) AS dec9,
  (i * 123456.789 - 1e9)::DECIMAL(18,3) AS dec18,
  (i::HUGEINT * 1234567890123456789 - 10)::DECIMAL(38,4) AS dec38,
  (i::HUGEINT * 1234567 - 99)::DECIMAL(21,1) AS dec21,
  DATE '1970-01-01' + (i * 37 % 100000 - 50000)::INTEGER AS dt,
  TIMESTAMPTZ '2000-01-01 00:00:00+00' + to_microseconds(i * 123456789) AS ts,
  TIMESTAMP '2000-01-01' + to_microseconds(i * 987654321) AS ntz,
  CASE WHEN i % 11 = 0 THEN NULL WHEN i % 5 = 0 THEN '' ELSE 'v' || (i % 50) || repeat('x', i % 20) END AS s_dict,
  'u' || i || repeat('y', i % 30) AS s_plain,
  ('\\x00\\xFF' || (i % 100)::VARCHAR)::BLOB AS blob
  FROM (SELECT range AS i FROM range(60000))`;

for (const codec of ['snappy', 'zstd', 'gzip', 'none', 'lz4_raw']) {
  test(`Sluice-written Parquet (${codec}) reads in DuckDB as the original`, async (t) => {
    const dir = tempDir(t);
    const source = path.join(dir, 'source.parquet');
    const written = path.join(dir, 'written.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (${SELECT}) TO '${source}' (FORMAT parquet, ROW_GROUP_SIZE 20000)`);
    // Row groups that do not line up with the source's, so statistics are computed anew.
    const r = sluice(['convert', source, written, '--compression', codec, '-O', 'rowGroupRows=25000']);
    assert.equal(r.code, 0, r.stderr);
    // Same schema, same rows, same order: EXCEPT ALL both ways finds any difference.
    const cols = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${source}')`)).getRowObjectsJson();
    const theirs = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${written}')`)).getRowObjectsJson();
    assert.deepEqual(theirs.map((c) => [c.column_name, c.column_type]), cols.map((c) => [c.column_name, c.column_type]));
    for (const [a, b] of [[source, written], [written, source]]) {
      const diff = (await con.runAndReadAll(`SELECT count(*) AS n FROM (SELECT * FROM read_parquet('${a}')
        EXCEPT ALL SELECT * FROM read_parquet('${b}'))`)).getRowObjectsJson();
      assert.equal(diff[0].n, '0', `rows of ${path.basename(a)} missing from ${path.basename(b)}`);
    }
    const ordered = (await con.runAndReadAll(`SELECT count(*) AS n FROM
      (SELECT row_number() OVER () AS k, * FROM read_parquet('${source}')) x JOIN
      (SELECT row_number() OVER () AS k, * FROM read_parquet('${written}')) y USING (k)
      WHERE x.i64 IS DISTINCT FROM y.i64`)).getRowObjectsJson();
    assert.equal(ordered[0].n, '0', 'row order changed');
    // Statistics DuckDB can use: each column chunk's null count, min and max are those of the
    // source rows the chunk holds (NaN left out of float statistics, as the format asks).
    const chunks = (await con.runAndReadAll(`SELECT row_group_id AS g, row_group_num_rows AS n,
        path_in_schema AS c, stats_null_count AS nulls, stats_min_value AS lo, stats_max_value AS hi
        FROM parquet_metadata('${written}') ORDER BY g, c`)).getRowObjectsJson();
    assert.equal(chunks.length / cols.length, new Set(chunks.map((c) => c.g)).size, 'a chunk per column and row group');
    let start = 0;
    for (const g of [...new Set(chunks.map((c) => c.g))]) {
      const inGroup = chunks.filter((c) => c.g === g);
      const n = Number(inGroup[0].n);
      const exprs = inGroup.map(({ c }, i) => {
        const keep = c === 'f' || c === 'd' ? `NOT isnan("${c}")` : 'true';
        return `count(*) - count("${c}") AS n${i}, CAST(min("${c}") FILTER (WHERE ${keep}) AS VARCHAR) AS lo${i},
          CAST(max("${c}") FILTER (WHERE ${keep}) AS VARCHAR) AS hi${i}`;
      });
      const [e] = (await con.runAndReadAll(`SELECT ${exprs.join(', ')} FROM
        (SELECT row_number() OVER () - 1 AS k, * FROM read_parquet('${source}')) WHERE k >= ${start} AND k < ${start + n}`)).getRowObjectsJson();
      inGroup.forEach((c, i) => assert.deepEqual([c.nulls, c.lo, c.hi], [e[`n${i}`], e[`lo${i}`], e[`hi${i}`]], `row group ${g}, column ${c.c}`));
      start += n;
    }
    assert.equal(start, 60000);
    const filtered = (await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${written}')
      WHERE i32 > 0 AND s_dict LIKE 'v1%'`)).getRowObjectsJson();
    const original = (await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${source}')
      WHERE i32 > 0 AND s_dict LIKE 'v1%'`)).getRowObjectsJson();
    assert.equal(filtered[0].n, original[0].n);
  });
}

test('convert to a folder writes part files, _SUCCESS, and refuses to clobber', async (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'in.csv');
  sluice(['generate', 'flyer', csv, '--rows', '50000']);
  const out = path.join(dir, 'out');
  const schema = 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT';
  const r = sluice(['convert', csv, out, '-o', 'header=true', '--schema', schema], { env: { SLUICE_THREADS: '2' } });
  assert.equal(r.code, 0, r.stderr);
  const files = readdirSync(out).sort();
  assert.ok(files.includes('_SUCCESS'));
  assert.ok(files.some((f) => f.endsWith('.parquet')));
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const n = (await con.runAndReadAll(`SELECT count(*) AS n, count(DISTINCT event) AS e FROM read_parquet('${out}/*.parquet')`)).getRowObjectsJson();
  assert.deepEqual(n[0], { n: '50000', e: '5' });
  const again = sluice(['convert', csv, out, '-o', 'header=true', '--schema', schema]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);
  assert.equal(sluice(['convert', csv, out, '-o', 'header=true', '--schema', schema, '--mode', 'overwrite']).code, 0);
  // Back to CSV, named columns normalised.
  const back = path.join(dir, 'back.csv');
  assert.equal(sluice(['convert', out, back, '--normalize-names']).code, 0);
  assert.ok(existsSync(back));
  const rows = (await con.runAndReadAll(`SELECT count(*) AS n FROM read_csv('${back}', header = true)`)).getRowObjectsJson();
  assert.equal(rows[0].n, '50000');
});
