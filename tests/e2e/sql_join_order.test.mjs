// Join order from estimates end to end: table sources' estimates (Parquet footers, CSV
// bytes over the line length) in EXPLAIN EXTENDED, the large table probing whichever side
// it is written on, and the answers of reordered multi-way joins against DuckDB with the
// optimizer on and off.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

async function writeTables(dir) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const files = {
    F: path.join(dir, 'fact.parquet'),
    D: path.join(dir, 'dim.csv'),
    G: path.join(dir, 'dim2.parquet'),
  };
  await con.run(`CREATE TABLE F AS SELECT i AS id, CASE WHEN i % 13 = 0 THEN NULL ELSE i % 50 END AS dk,
    i % 7 AS gk, (i * 31) % 1000 AS v FROM range(0, 5000) t(i)`);
  await con.run(`CREATE TABLE D AS SELECT i % 40 AS dk, 'name' || i AS name FROM range(0, 45) t(i)`);
  await con.run(`CREATE TABLE G AS SELECT i AS gk, i % 2 AS grp FROM range(0, 6) t(i)`);
  await con.run(`COPY F TO '${files.F}' (FORMAT parquet)`);
  await con.run(`COPY D TO '${files.D}' (FORMAT csv, HEADER)`);
  await con.run(`COPY G TO '${files.G}' (FORMAT parquet)`);
  return { con, files };
}

function ours(sql, files) {
  return sql
    .replaceAll(/\bF\b/g, `parquet.\`${files.F}\``)
    .replaceAll(/\bD\b/g, `read_files('${files.D}', format => 'csv', header => true, inferSchema => true)`)
    .replaceAll(/\bG\b/g, `parquet.\`${files.G}\``);
}

test('estimates from Parquet footers and CSV line lengths; the large side probes', async (t) => {
  const { files } = await writeTables(tempDir(t));
  const extended = sluice(['sql', '-e', `EXPLAIN EXTENDED SELECT * FROM ${ours('F', files)}, ${ours('D', files)}`]);
  assert.equal(extended.code, 0, extended.stderr);
  const optimized = extended.stdout.slice(extended.stdout.indexOf('== Optimized'));
  assert.match(optimized, /Scan parquet \S*fact.parquet .*\(rows≈5000\)/);
  assert.match(optimized, /Scan csv \S*dim.csv .*\(rows≈45\)/);
  assert.match(optimized, /Join Cross .*\(rows≈225000\)/);
  const plain = sluice(['sql', '-e', `EXPLAIN SELECT * FROM ${ours('D d JOIN F f ON d.dk = f.dk', files)}`]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.doesNotMatch(plain.stdout, /rows≈/);
  // The join's first input probes: the fact table, though written second.
  assert.match(plain.stdout, /Join Inner[^\n]*\n\s*\+- Scan parquet \S*fact.parquet[^\n]*\n\s*\+- Scan csv/);
});

const QUERIES = [
  `SELECT d.name, f.id, f.v FROM D d JOIN F f ON d.dk = f.dk WHERE f.v < 40`,
  `SELECT * FROM G g JOIN F f ON g.gk = f.gk JOIN D d ON d.dk = f.dk WHERE f.v < 30`,
  `SELECT grp, count(*), sum(v), count(DISTINCT name) FROM D d, G g, F f WHERE f.dk = d.dk AND f.gk = g.gk GROUP BY grp`,
  `SELECT d.name, g.grp, f.id FROM D d, G g, F f WHERE f.dk = d.dk AND f.gk = g.gk AND d.dk = g.gk + 1 AND f.v < 200`,
];

test('reordered joins give DuckDB\'s answers with the optimizer on and off', async (t) => {
  const { con, files } = await writeTables(tempDir(t));
  for (const q of QUERIES) {
    const expected = (await con.runAndReadAll(q)).getRows()
      .map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('\t')).sort();
    for (const enabled of ['true', 'false']) {
      const r = sluice(['sql', '--conf', `sluice.optimizer.enabled=${enabled}`, '-e', ours(q, files)]);
      assert.equal(r.code, 0, `${q}\n${r.stderr}`);
      assert.deepEqual(r.stdout.trim().split('\n').filter((l) => l !== '').sort(), expected,
        `optimizer ${enabled}: ${q}`);
    }
  }
});
