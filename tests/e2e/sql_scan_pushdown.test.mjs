// Filters reach the readers: a query's pushable conjuncts skip partitions that cannot match
// (a malformed file there is never read, even under FAILFAST; `cat --where` likewise) and
// Parquet row groups (tests/unit/formats/parquet_pruning_test.cc counts those), and the
// answers still agree with DuckDB's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

test('a filter on a partition column skips the other partitions', (t) => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 't', 'p=1'), { recursive: true });
  fs.mkdirSync(path.join(dir, 't', 'p=2'), { recursive: true });
  fs.writeFileSync(path.join(dir, 't', 'p=1', 'a.csv'), 'v\n1\n2\n');
  fs.writeFileSync(path.join(dir, 't', 'p=2', 'b.csv'), 'v\n3\nnot a number\n');
  const view = `CREATE TEMPORARY VIEW t (v INT, p INT) USING csv OPTIONS (path '${path.join(dir, 't')}', header 'true', mode 'FAILFAST');`;
  let r = sluice(['sql', '--format', 'tsv', '-e', `${view} SELECT sum(v) FROM t WHERE p = 1`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), '3');
  // Without the filter the malformed row is read, and FAILFAST stops the query.
  r = sluice(['sql', '--format', 'tsv', '-e', `${view} SELECT sum(v) FROM t`]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a number/);
  r = sluice(['cat', path.join(dir, 't'), '-o', 'header=true', '-o', 'mode=FAILFAST', '--schema', 'v INT',
    '--where', 'p = 1', '-f', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'v,p\n1,1\n2,1\n');
});

test('filters pushed into a Parquet scan give the rows DuckDB gives', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'rows.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT i AS id, (i * 37) % 101 AS v FROM range(20000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2000)`);
  const where = 'id >= 4100 AND id < 5900 AND v % 2 = 0';
  const expected = (await con.runAndReadAll(`SELECT count(*) AS n, sum(v) AS s FROM '${file}' WHERE ${where}`))
    .getRowObjectsJson()[0];
  const r = sluice(['sql', '--format', 'tsv', '-e', `SELECT count(*), sum(v) FROM parquet.\`${file}\` WHERE ${where}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), `${expected.n}\t${expected.s}`);
  // The scan applies the pushed filters: it hands on only the matching rows.
  const plan = sluice(['sql', '--format', 'tsv', '-e', `EXPLAIN ANALYZE SELECT count(*) FROM parquet.\`${file}\` WHERE ${where}`]);
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, new RegExp(`Scan[^\\n]*PushedFilters[^\\n]*rows=${expected.n} `));
});

test('a CSV query parses only the columns it reads (Spark column pruning), unless turned off', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'bad.csv');
  fs.writeFileSync(file, 'a,b\n1,2\n3,not a number\n');
  const query = (select) => `SELECT ${select} FROM read_files('${file}', format => 'csv', header => true,
    schema => 'a INT, b INT', mode => 'FAILFAST')`;
  let r = sluice(['sql', '--format', 'tsv', '-e', query('sum(a)')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '4\n');
  assert.doesNotMatch(r.stderr, /reject/i);
  // Reading b, or with pruning off, the malformed value stops the FAILFAST query.
  for (const args of [['-e', query('sum(b)')],
    ['--conf', 'spark.sql.csv.parser.columnPruning.enabled=false', '-e', query('sum(a)')]]) {
    r = sluice(['sql', '--format', 'tsv', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /bad\.csv:3.*not a number/);
  }
});

test('a Parquet scan reads only its columns: its answers agree with DuckDB', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'wide.parquet');
  const db = await (await DuckDBInstance.create()).connect();
  await db.run(`COPY (SELECT i AS a, 'x' || i AS b, i * 2.5 AS c, i % 7 AS d FROM range(50000) t(i))
    TO '${file}' (FORMAT parquet)`);
  const expected = (await db.runAndReadAll(`SELECT d, count(*), sum(a) FROM '${file}' WHERE c > 100 GROUP BY d ORDER BY d`))
    .getRows().map((row) => row.join('\t')).join('\n');
  const r = sluice(['sql', '--format', 'tsv', '-e',
    `SELECT d, count(*), sum(a) FROM parquet.\`${file}\` WHERE c > 100 GROUP BY d ORDER BY d`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), expected);
});
