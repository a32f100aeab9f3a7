// `sluice sql`: scripts from -e and -f, output formats, errors with a caret and exit code 2,
// tables that persist in the warehouse between runs, and --output files that DuckDB reads.
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { projectRoot, sluice, sluiceBin, tempDir } from './helpers.mjs';

function sql(dir, script, extra = []) {
  return sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv', '-e', script, ...extra]);
}

test('a script runs statement by statement and prints each query as tsv', (t) => {
  const dir = tempDir(t);
  const r = sql(dir, `-- a comment; with a semicolon
    CREATE TEMPORARY VIEW v AS SELECT * FROM VALUES (1, 'a;b'), (2, NULL) AS v(x, y);
    SELECT x, y FROM v ORDER BY x; /* two queries */ SELECT count(*) FROM v`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '1\ta;b\n2\tNULL\n2\n');
});

test('-f reads a file; --conf sets the session time zone', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'q.sql');
  writeFileSync(file, "SELECT CAST(TIMESTAMP '2024-01-01 00:00:00 UTC' AS STRING);\n");
  const r = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv',
    '--conf', 'spark.sql.session.timeZone=America/Toronto', '-f', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '2023-12-31 19:00:00\n');
});

test('-d / --define / --hivevar set variables that ${name} in a script becomes', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'q.sql');
  writeFileSync(file, "SELECT count(*) FROM range(${n}) WHERE id >= ${lo};\nSET lo=8;\nSELECT '${lo}', '${env:SLUICE_TEST_VAR}';\n");
  const r = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv',
    '-d', 'n=10', '--hivevar', 'lo=7', '-f', file], { env: { ...process.env, SLUICE_TEST_VAR: 'v' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '3\n8\tv\n');
});

test('errors name the line and column with a caret, and exit with 2', (t) => {
  const dir = tempDir(t);
  const r = sql(dir, 'SELECT 1;\nSELECT user_idd FROM VALUES (1) AS t(user_id)');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /UNRESOLVED_COLUMN/);
  assert.match(r.stderr, /did you mean one of the following\? \[`t\.user_id`\]/i);
  assert.match(r.stderr, /\(line 2, pos 7\)/);
  assert.match(r.stderr, /\n-------\^\^\^/);
  const parse = sql(dir, 'SELECT 1 +');
  assert.equal(parse.code, 2);
  assert.match(parse.stderr, /PARSE_SYNTAX_ERROR/);
});

test('tables persist in the warehouse between runs, partitioned as Spark lays them out', (t) => {
  const dir = tempDir(t);
  let r = sql(dir, `CREATE TABLE sales (id INT, amount DECIMAL(10,2), day DATE) USING parquet PARTITIONED BY (day);
    INSERT INTO sales VALUES (1, 2.50, DATE '2024-01-05'), (2, 3.25, DATE '2024-01-06')`);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(dir, 'wh', 'sales', 'day=2024-01-05')));
  r = sql(dir, `INSERT INTO sales SELECT 3, 1.00, DATE '2024-01-05';
    SELECT day, sum(amount), count(*) FROM sales GROUP BY day ORDER BY day`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '2024-01-05\t3.50\t2\n2024-01-06\t3.25\t1\n');
  // INSERT OVERWRITE replaces only the partitions it writes.
  r = sql(dir, `INSERT OVERWRITE sales SELECT 9, 9.99, DATE '2024-01-05';
    SELECT id FROM sales ORDER BY id`);
  assert.equal(r.stdout, '2\n9\n');
  r = sql(dir, 'CREATE TABLE sales (x INT)');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /TABLE_OR_VIEW_ALREADY_EXISTS/);
  r = sql(dir, 'CREATE VIEW big AS SELECT id FROM sales WHERE amount > 5; DROP TABLE sales');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(path.join(dir, 'wh', 'sales')));
  assert.match(readFileSync(path.join(dir, 'wh', 'catalog.json'), 'utf8'), /"big"/);
});

test('files are tables: csv.`path`, parquet.`path` and CREATE TEMPORARY VIEW USING csv', (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'in.csv');
  writeFileSync(csv, 'user,n\nann,1\nbob,2\nann,5\n');
  const r = sql(dir, `CREATE TEMPORARY VIEW v (user STRING, n INT) USING csv OPTIONS (path '${csv}', header 'true');
    SELECT user, sum(n) FROM v GROUP BY user ORDER BY user;
    SELECT count(*) FROM csv.\`${csv}\`;
    SELECT n FROM read_files('${csv}', format => 'csv', header => true, schema => 'user STRING, n INT') WHERE user = 'bob'`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ann\t6\nbob\t2\n4\n2\n');
});

test('--output writes the last query to .csv, .parquet and .json that DuckDB reads back', async (t) => {
  const dir = tempDir(t);
  const query = "SELECT id, CAST(id AS DECIMAL(5,2)) / 4 AS q, CAST(id * 10 AS STRING) AS s FROM range(5)";
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  for (const ext of ['csv', 'parquet', 'json']) {
    const out = path.join(dir, `out.${ext}`);
    const r = sql(dir, query, ['--output', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const reader = ext === 'csv' ? 'read_csv' : ext === 'parquet' ? 'read_parquet' : 'read_json';
    const rows = (await con.runAndReadAll(
      `SELECT id::BIGINT, q::DOUBLE, s::VARCHAR FROM ${reader}('${out}') ORDER BY id`)).getRows();
    assert.deepEqual(rows.map((r) => [Number(r[0]), Number(r[1]), r[2]]),
      [0, 1, 2, 3, 4].map((i) => [i, i / 4, String(i * 10)]), ext);
  }
});

test('the interactive shell: multi-line statements, errors, Ctrl-C cancels, Ctrl-D exits', (t) => {
  const dir = tempDir(t);
  const r = spawnSync('python3', [path.join(projectRoot, 'tests/e2e/sql_shell.py'), sluiceBin, dir],
    { encoding: "utf8", timeout: 300000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /ok/);
});

test('unaliased columns are named as Spark names them', (t) => {
  const dir = tempDir(t);
  const r = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'csv', '-e',
    "SELECT id, count(*), sum(id), id + 1, upper('a'), CAST(id AS STRING), CAST(id + 1 AS INT), " +
    "max(id) AS m FROM range(1) GROUP BY id"]);
  assert.equal(r.code, 0, r.stderr);
  // A cast of a column keeps the column's name (Spark's analyzer aliases it so).
  assert.equal(r.stdout.split('\n')[0],
    'id,count(1),sum(id),(id + 1),upper(a),id,CAST((id + 1) AS INT),m');
  // `count(*) FROM FROM t`: Spark names the column FROM (sql-compatibility-functions.sql).
  const from = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'csv', '-e',
    'SELECT count(*) FROM from range(3)']);
  assert.equal(from.code, 0, from.stderr);
  assert.equal(from.stdout, 'FROM\n3\n');
});

test('literals, omitted arguments and subqueries are named as Spark names them', (t) => {
  const dir = tempDir(t);
  const r = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv-with-schema', '-e',
    "SELECT 2L, 1D, 5e36BD, X'0f', timestamp_ltz'2019-01-01 00:00:00.000', substr('abc', 2), " +
    "position('b' in 'abc'), isnotnull(1), 'a' ilike 'A', (SELECT max(id) FROM range(3) WHERE id < o.id) " +
    'FROM range(2) AS o']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0],
    "struct<2:bigint,1.0:double,5000000000000000000000000000000000000:decimal(37,0),X'0F':binary," +
    "TIMESTAMP '2019-01-01 00:00:00':timestamp,substr(abc, 2, 2147483647):string,locate(b, abc, 1):int," +
    '(1 IS NOT NULL):boolean,ilike(a, A):boolean,scalarsubquery(id):bigint>');
  const d = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv-with-schema', '-e',
    "SELECT 7 + date'2020-01-01', date'2020-01-01' - 1, 2 * interval '2' year, interval '02' second / 2"]);
  assert.equal(d.code, 0, d.stderr);
  assert.equal(d.stdout.split('\n')[0],
    "struct<date_add(DATE '2020-01-01', 7):date,date_sub(DATE '2020-01-01', 1):date," +
    "(INTERVAL '2' YEAR * 2):interval year to month,(INTERVAL '02' SECOND / 2):interval day to second>");
  const c = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv-with-schema', '-e',
    "SELECT CASE 1 WHEN 1 THEN 'a' ELSE 'b' END"]);
  assert.equal(c.stdout.split('\n')[0], 'struct<CASE WHEN (1 = 1) THEN a ELSE b END:string>');
});
