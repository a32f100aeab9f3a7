// `sluice inspect` on Parquet files that DuckDB writes (every codec, flat and nested
// columns), compared field by field with DuckDB's own parquet_metadata().
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

const SELECT = `SELECT range AS id, 'name_' || (range % 7) AS name, (range * 1.25)::DECIMAL(18,2) AS amount,
  (range * 1.5)::DECIMAL(38,4) AS big, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(range) AS ts,
  CASE WHEN range % 5 = 0 THEN NULL ELSE range::DOUBLE END AS d, DATE '2024-01-01' + (range % 30)::INT AS dt,
  range % 2 = 0 AS flag, [range, range + 1] AS l, {'a': range, 'b': 'x' || range} AS s
  FROM range(120000)`;

for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw']) {
  test(`inspect matches DuckDB's parquet_metadata (${codec})`, async (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, `t_${codec}.parquet`);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (${SELECT}) TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 50000)`);
    const expected = (await con.runAndReadAll(`SELECT row_group_id, column_id, path_in_schema, type, compression,
        encodings, num_values, total_compressed_size, total_uncompressed_size, stats_null_count,
        stats_min_value, stats_max_value, row_group_num_rows
      FROM parquet_metadata('${file}') ORDER BY row_group_id, column_id`)).getRowObjectsJson();

    const r = sluice(['inspect', file, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const ours = JSON.parse(r.stdout);
    assert.equal(ours.num_rows, 120000);
    assert.match(ours.created_by, /DuckDB/);
    for (const e of expected) {
      const group = ours.row_groups[Number(e.row_group_id)];
      const column = group.columns[Number(e.column_id)];
      const where = `row group ${e.row_group_id}, column ${e.path_in_schema}`;
      assert.equal(group.num_rows, Number(e.row_group_num_rows), where);
      assert.equal(column.path, e.path_in_schema.split(', ').join('.'), where);
      assert.equal(column.physical_type, e.type, where);
      assert.equal(column.codec, e.compression, where);
      assert.deepEqual(column.encodings, e.encodings.split(', '), where);
      assert.equal(column.num_values, Number(e.num_values), where);
      assert.equal(column.total_compressed_size, Number(e.total_compressed_size), where);
      assert.equal(column.total_uncompressed_size, Number(e.total_uncompressed_size), where);
      assert.equal(column.null_count, e.stats_null_count === null ? null : Number(e.stats_null_count), where);
      // DuckDB shows instants with a "+00" suffix; the values must agree otherwise.
      const norm = (v) => (v === null ? null : v.replace(/\+00$/, ''));
      assert.equal(column.min, norm(e.stats_min_value), where);
      assert.equal(column.max, norm(e.stats_max_value), where);
    }
  });
}

test('inspect text output and errors', (t) => {
  const dir = tempDir(t);
  const notParquet = path.join(dir, 'x.parquet');
  writeFileSync(notParquet, 'id,v\n1,2\n3,4\n5,6\n');
  const r = sluice(['inspect', notParquet]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /x\.parquet' is not a Parquet file: it does not start with PAR1/);
  const truncated = path.join(dir, 'cut.parquet');
  writeFileSync(truncated, 'PAR1' + 'x'.repeat(100));
  assert.match(sluice(['inspect', truncated]).stderr, /not a complete Parquet file/);
});
