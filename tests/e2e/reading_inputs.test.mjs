// Whole-program tests of what the readers take as input: format detection, symlinked
// folders, partition folder values, and what `cat` prints in each format.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, sluice, tempDir } from './helpers.mjs';

const corpus = path.resolve(projectRoot, '../shared/corpus/parquet');

async function duckRows(sql) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRowsJson();
}

test('cat --format csv and json print every row; the table keeps 20; --limit applies to all', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'n.csv');
  const numbers = Array.from({ length: 45 }, (_, i) => String(i + 1));
  writeFileSync(file, ['n', ...numbers].join('\n') + '\n');
  const base = ['cat', file, '-o', 'header=true'];
  const csv = sluice([...base, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout, ['n', ...numbers].join('\n') + '\n');
  const json = sluice([...base, '--format', 'json']);
  assert.deepEqual(json.stdout.trim().split('\n').map((l) => JSON.parse(l).n), numbers);
  const table = sluice(base);
  assert.equal(table.stdout.trim().split('\n').length, 20 + 4);  // 3 rules and the header
  assert.equal(sluice([...base, '--format', 'csv', '--limit', '3']).stdout, 'n\n1\n2\n3\n');
  assert.equal(sluice([...base, '--format', 'json', '-n', '2']).stdout, '{"n":"1"}\n{"n":"2"}\n');
  assert.equal(sluice([...base, '--limit', '-1']).stdout.trim().split('\n').length, 45 + 4);
});

test('cat --format json writes timestamps and binary as Spark to_json does', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'v.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT 'ab?'::BLOB AS b, TIMESTAMPTZ '2024-01-05 10:00:00.5+00' AS ts,
                        TIMESTAMP '2024-07-05 10:00:00' AS ntz, DATE '2024-01-05' AS d
                 UNION ALL SELECT '\\x00\\xFF'::BLOB, TIMESTAMPTZ '2024-07-05 10:00:00+00', NULL, NULL)
                 TO '${file}' (FORMAT parquet)`);
  const r = sluice(['cat', file, '--format', 'json', '--conf', 'spark.sql.session.timeZone=America/Toronto']);
  assert.equal(r.code, 0, r.stderr);
  // Expected by hand: base64 of the bytes; the instant in the session zone with its offset.
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), [
    { b: 'YWI/', ts: '2024-01-05T05:00:00.500-05:00', ntz: '2024-07-05T10:00:00.000', d: '2024-01-05' },
    { b: 'AP8=', ts: '2024-07-05T06:00:00.000-04:00', ntz: null, d: null },
  ]);
  const utc = sluice(['cat', file, '--format', 'json', '-n', '1', '--conf', 'spark.sql.session.timeZone=UTC']);
  assert.equal(JSON.parse(utc.stdout).ts, '2024-01-05T10:00:00.500Z');
});

test('a float column compared with a decimal literal matches as in Spark (as DOUBLE)', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'f.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT 1.1::FLOAT AS float_col UNION ALL SELECT 2.5::FLOAT) TO '${file}' (FORMAT parquet)`);
  const rows = (where) =>
    sluice(['cat', file, '--format', 'csv', '--where', where]).stdout.trim().split('\n').slice(1);
  // 1.1 as FLOAT is 1.10000002384185791015625, which is not the DOUBLE 1.1.
  assert.deepEqual(rows('float_col = 1.1'), []);
  assert.deepEqual(rows('float_col > 1.09 AND float_col < 1.11'), ['1.1']);
  assert.deepEqual(rows('float_col = 2.5'), ['2.5']);
});

test('extensions in any case; Parquet bytes are never read as CSV unless forced', async (t) => {
  const upper = path.join(corpus, 'duckdb/CASE_INSENSITIVE.PARQUET');
  const r = sluice(['cat', upper, '--format', 'json', '--limit', '-1']);
  assert.equal(r.code, 0, r.stderr);
  // One BINARY column, `data`: compare the bytes.
  const ours = r.stdout.trim().split('\n').map((l) => Buffer.from(JSON.parse(l).data, 'base64').toString('hex').toUpperCase());
  const theirs = await duckRows(`SELECT hex(data) FROM read_parquet('${upper}')`);
  assert.deepEqual(ours, theirs.map((row) => row[0]));

  const dir = tempDir(t);
  const named = path.join(dir, 'data.csv');
  copyFileSync(upper, named);
  const refused = sluice(['cat', named]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /data\.csv' is a Parquet file \(it starts with Parquet's magic bytes\)/);
  const asParquet = sluice(['cat', named, '--input-format', 'parquet', '--format', 'json', '--limit', '-1']);
  assert.equal(asParquet.code, 0, asParquet.stderr);
  assert.equal(asParquet.stdout, r.stdout);
  assert.equal(sluice(['cat', named, '--input-format', 'csv']).code, 0);  // forced: read as text
  const unknown = sluice(['cat', named, '--input-format', 'xml']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--input-format/);
  // Without a text extension, the leading bytes decide.
  const bare = path.join(dir, 'part-00000');
  copyFileSync(upper, bare);
  assert.equal(sluice(['cat', bare, '--format', 'json', '--limit', '-1']).stdout, r.stdout);
  // Compressed CSV with an upper-case extension is decompressed.
  const gz = path.join(dir, 'gz');
  mkdirSync(gz);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT 1 AS a UNION ALL SELECT 2) TO '${path.join(gz, 'A.CSV.GZ')}' (FORMAT csv, COMPRESSION gzip)`);
  const unzipped = sluice(['cat', path.join(gz, 'A.CSV.GZ'), '-o', 'header=true', '--format', 'csv']);
  assert.equal(unzipped.stdout, 'a\n1\n2\n');
});

test('a symlink cycle is not followed and a file reachable twice is read once', (t) => {
  const dir = tempDir(t);
  mkdirSync(path.join(dir, 'D/sub'), { recursive: true });
  writeFileSync(path.join(dir, 'D/sub/x.csv'), 'n\n1\n');
  symlinkSync('..', path.join(dir, 'D/sub/up'));
  symlinkSync('sub', path.join(dir, 'D/twin'));
  const r = sluice(['validate', path.join(dir, 'D'), '-o', 'header=true']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /files\s+1\nrows read\s+1\n/);
  assert.match(r.stderr, /symlink cycle/);
});

test('partition folder values follow Spark partition rules, not the CSV options', (t) => {
  const dir = tempDir(t);
  mkdirSync(path.join(dir, 'day=2024-01-05'));
  mkdirSync(path.join(dir, 'day=banana'));
  writeFileSync(path.join(dir, 'day=2024-01-05/f.csv'), 'x,d\n1,06/01/2024\n');
  writeFileSync(path.join(dir, 'day=banana/f.csv'), 'x,d\n2,07/01/2024\n');
  const good = sluice(['cat', path.join(dir, 'day=2024-01-05'), '--format', 'csv', '-o', 'header=true',
    '-o', 'dateFormat=dd/MM/yyyy', '-o', `basePath=${dir}`, '--schema', 'x INT, d DATE']);
  assert.equal(good.code, 0, good.stderr);
  assert.equal(good.stdout, 'x,d,day\n1,2024-01-06,2024-01-05\n');
  const bad = sluice(['validate', dir, '-o', 'header=true', '--schema', 'x INT, d STRING, day DATE']);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /rows rejected\s+1/);
  assert.match(bad.stdout, /day=banana\/f\.csv:2 .*folder 'day=banana' is not DATE/);
});
