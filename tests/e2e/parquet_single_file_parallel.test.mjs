// One Parquet file written on every core: whatever the thread count, the file holds the
// CSV's rows in input order (DuckDB reads both and compares them row by row), its row
// groups are cut at the same rows (the bytes are identical), and a failure leaves no file.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice, tempDir } from './helpers.mjs';

const SCHEMA = 'id BIGINT, name STRING, score DOUBLE, day DATE';

function writeCsv(file, rows, last = '') {
  const next = rng(11);
  const lines = ['id,name,score,day'];
  for (let i = 0; i < rows; i++) {
    const name = i % 9 === 0 ? '' : `n${i}${'z'.repeat(Math.floor(next() * 40))}`;
    const day = `20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`;
    lines.push(`${i},${name},${(next() * 1e6).toFixed(3)},${day}`);
  }
  if (last) lines.push(last);
  writeFileSync(file, lines.join('\n') + '\n');
}

test('a single Parquet file keeps input order for every thread count', async (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'in.csv');
  writeCsv(csv, 250000);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  let first;
  for (const threads of ['1', '2', '4']) {
    const out = path.join(dir, `out${threads}.parquet`);
    const r = sluice(['convert', csv, out, '-o', 'header=true', '--schema', SCHEMA, '-O', 'rowGroupRows=7000'],
      { env: { SLUICE_THREADS: threads } });
    assert.equal(r.code, 0, r.stderr);
    const groups = (await con.runAndReadAll(`SELECT count(DISTINCT row_group_id) AS g, max(row_group_num_rows) AS n
      FROM parquet_metadata('${out}')`)).getRowObjectsJson();
    assert.deepEqual([groups[0].g, groups[0].n], ['36', '7000']);
    // Row k of the file is row k of the CSV, as DuckDB reads each.
    const diff = (await con.runAndReadAll(`SELECT count(*) AS n, count(x.id) AS xs, count(y.id) AS ys FROM
      (SELECT row_number() OVER () AS k, * FROM read_csv('${csv}', header = true, columns = {'id': 'BIGINT',
        'name': 'VARCHAR', 'score': 'DOUBLE', 'day': 'DATE'})) x FULL JOIN
      (SELECT row_number() OVER () AS k, * FROM read_parquet('${out}')) y USING (k)
      WHERE x.id IS DISTINCT FROM y.id OR x.name IS DISTINCT FROM y.name
        OR x.score IS DISTINCT FROM y.score OR x.day IS DISTINCT FROM y.day`)).getRowObjectsJson();
    assert.equal(diff[0].n, '0', `${threads} threads: rows differ or moved`);
    const bytes = readFileSync(out);
    if (!first) first = bytes;
    assert.ok(first.equals(bytes), `${threads} threads: the file differs from the 1-thread one`);
  }
});

test('a FAILFAST reject after many row groups leaves no single file behind', (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'in.csv');
  writeCsv(csv, 100000, 'not-a-number,x,1.0,2020-01-01');
  const out = path.join(dir, 'out.parquet');
  const r = sluice(['convert', csv, out, '-o', 'header=true', '-o', 'mode=FAILFAST', '--schema', SCHEMA,
    '-O', 'rowGroupRows=5000']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /FAILFAST/);
  assert.deepEqual(readdirSync(dir), ['in.csv']);
});
