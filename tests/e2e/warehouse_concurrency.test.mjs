// Several `sluice sql` processes sharing one warehouse: every catalog change happens under
// the warehouse's lock after re-reading catalog.json, so no process loses another's tables.
// Databases and their tables persist between runs in Spark's layout (DuckDB reads the
// files back as the oracle).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, sluiceBin, tempDir } from './helpers.mjs';

function sql(warehouse, script, env = {}) {
  return sluice(['sql', '--warehouse', warehouse, '--format', 'tsv', '-e', script], { env });
}

// Runs `sluice sql` without waiting, so that several run at once.
function sqlAsync(warehouse, script) {
  return new Promise((resolve, reject) => {
    const child = spawn(sluiceBin, ['sql', '--warehouse', warehouse, '--format', 'tsv', '-e', script]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function parquetRows(folder, query) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const reader = `read_parquet('${folder}/*.parquet')`;
  return (await con.runAndReadAll(query.replace('$TABLE', reader))).getRows();
}

test('8 processes each creating 10 tables in one warehouse lose none of them', async (t) => {
  const wh = path.join(tempDir(t), 'wh');
  let r = sql(wh, 'CREATE DATABASE conc');
  assert.equal(r.code, 0, r.stderr);
  const processes = 8;
  const tables = 10;
  const runs = [];
  for (let p = 0; p < processes; p++) {
    // Half of each process's tables in the default database, half in conc.
    const script = Array.from({ length: tables }, (_, i) =>
      `CREATE TABLE ${i % 2 ? 'conc.' : ''}t_${p}_${i} AS SELECT ${p} AS p, ${i} AS i, ` +
      `id * ${p * 100 + i} AS v FROM range(3)`).join(';\n');
    runs.push(sqlAsync(wh, script));
  }
  for (const run of await Promise.all(runs)) assert.equal(run.code, 0, run.stderr);

  const expected = { default: [], conc: [] };
  for (let p = 0; p < processes; p++)
    for (let i = 0; i < tables; i++) expected[i % 2 ? 'conc' : 'default'].push(`t_${p}_${i}`);
  for (const db of ['default', 'conc']) {
    r = sql(wh, `SHOW TABLES IN ${db}`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'),
      expected[db].sort().map((n) => `${db}\t${n}\tfalse`));
  }
  // Every table is readable, by Sluice and (its files, where Spark puts them) by DuckDB.
  const union = [...expected.default, ...expected.conc.map((n) => `conc.${n}`)]
    .map((n) => `SELECT p, i, sum(v) AS s, count(*) AS c FROM ${n} GROUP BY p, i`).join(' UNION ALL ');
  r = sql(wh, `SELECT p, i, s, c FROM (${union}) ORDER BY p, i`);
  assert.equal(r.code, 0, r.stderr);
  const rows = [];
  for (let p = 0; p < processes; p++)
    for (let i = 0; i < tables; i++) rows.push(`${p}\t${i}\t${3 * (p * 100 + i)}\t3`);
  assert.deepEqual(r.stdout.trim().split('\n'), rows);
  for (const [folder, p, i] of [[path.join(wh, 't_7_8'), 7, 8], [path.join(wh, 'conc.db', 't_3_5'), 3, 5]]) {
    const got = await parquetRows(folder, 'SELECT p, i, v FROM $TABLE ORDER BY v');
    assert.deepEqual(got.map((row) => row.map(Number)), [0, 1, 2].map((k) => [p, i, k * (p * 100 + i)]));
  }
});

test('processes creating one table at once: one wins, the others see it exists', async (t) => {
  const wh = path.join(tempDir(t), 'wh');
  const runs = [];
  for (let p = 0; p < 6; p++) runs.push(sqlAsync(wh, `CREATE TABLE shared AS SELECT ${p} AS p`));
  const results = await Promise.all(runs);
  const won = results.filter((x) => x.code === 0);
  assert.equal(won.length, 1, results.map((x) => x.stderr).join('\n'));
  for (const lost of results.filter((x) => x.code !== 0))
    assert.match(lost.stderr, /TABLE_OR_VIEW_ALREADY_EXISTS.*already exists/);
  // IF NOT EXISTS succeeds everywhere and leaves the winner's single row.
  const again = await Promise.all([0, 1, 2, 3].map(
    (p) => sqlAsync(wh, `CREATE TABLE IF NOT EXISTS shared AS SELECT ${10 + p} AS p`)));
  for (const x of again) assert.equal(x.code, 0, x.stderr);
  const r = sql(wh, 'SELECT count(*) FROM shared');
  assert.equal(r.stdout, '1\n');
});

test('a database and its table persist between runs; the current database does not', async (t) => {
  const dir = tempDir(t);
  const wh = path.join(dir, 'wh');
  let r = sql(wh, `CREATE DATABASE sales COMMENT 'orders' WITH DBPROPERTIES ('b' = '2', 'a' = '1');
    USE sales;
    CREATE TABLE orders (id INT, amount DECIMAL(10,2)) USING parquet;
    INSERT INTO orders VALUES (1, 2.50), (2, 3.25);
    CREATE VIEW big AS SELECT id FROM orders WHERE amount > 3`, { USER: 'tester' });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(wh, 'sales.db', 'orders')));
  assert.deepEqual(
    (await parquetRows(path.join(wh, 'sales.db', 'orders'), 'SELECT id, amount::VARCHAR FROM $TABLE ORDER BY id'))
      .map((row) => [Number(row[0]), row[1]]),
    [[1, '2.50'], [2, '3.25']]);

  r = sql(wh, `SELECT current_database();
    SHOW DATABASES;
    SHOW TABLES IN sales;
    SELECT * FROM sales.big;
    USE sales;
    SELECT sum(amount) FROM orders;
    DESCRIBE DATABASE EXTENDED sales`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, ['default', 'default', 'sales',
    'sales\tbig\tfalse', 'sales\torders\tfalse', '2', '5.75',
    'Catalog Name\tspark_catalog', 'Database Name\tsales', 'Comment\torders',
    `Location\tfile:${path.join(wh, 'sales.db')}`, 'Owner\ttester',
    'Properties\t((a,1), (b,2))', ''].join('\n'));

  // DROP ... CASCADE removes the tables, the managed files and the emptied folder.
  r = sql(wh, 'DROP DATABASE sales CASCADE; SHOW DATABASES');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'default\n');
  assert.ok(!existsSync(path.join(wh, 'sales.db')));
});
