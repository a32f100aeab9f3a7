// Dictionary-encoded Parquet strings through SQL: a GROUP BY keys such a column by its
// dictionary codes (each distinct string hashed once per batch), and filters, grouping sets,
// a second key, NULLs, several row groups and pages that fell back to PLAIN must still give
// DuckDB's answers. Files written by DuckDB and by Sluice (a round trip).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

// c: low cardinality with NULLs and long strings; k: a second key; h: one distinct value per
// row, so writers fall back to PLAIN pages partway through a chunk.
const ROWS = `SELECT i AS id,
    CASE WHEN i % 17 = 3 THEN NULL ELSE 'category number ' || (i * 7 % 23) END AS c,
    (i % 4)::INTEGER AS k,
    CASE WHEN i < 30000 THEN 'h' || (i % 50) ELSE 'unique value ' || i END AS h
  FROM range(70000) t(i)`;

const QUERIES = [
  'SELECT c, count(*) AS n, sum(id) AS s FROM T GROUP BY c',
  'SELECT c, count(*) AS n FROM T WHERE id % 3 <> 0 GROUP BY c',
  'SELECT c, k, count(*) AS n FROM T GROUP BY c, k',
  'SELECT c, k, count(*) AS n FROM T GROUP BY ROLLUP (c, k)',
  'SELECT h, count(*) AS n FROM T GROUP BY h',
  'SELECT count(DISTINCT c) AS d, count(*) AS n FROM T',
  "SELECT count(*) AS n FROM T WHERE c = 'category number 5'",
  "SELECT count(*) AS n FROM T WHERE c <> 'category number 5'",
  'SELECT id, c, h FROM T ORDER BY id LIMIT 5 OFFSET 2040',
];

function canonical(rows) {
  return rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('\t')).sort();
}

async function compare(con, file, label) {
  for (const q of QUERIES) {
    const theirs = canonical((await con.runAndReadAll(q.replace('FROM T', `FROM read_parquet('${file}')`))).getRowsJson());
    const r = sluice(['sql', '--format', 'tsv', '-e', q.replace('FROM T', `FROM parquet.\`${file}\``)]);
    assert.equal(r.code, 0, `${label}: ${q}\n${r.stderr}`);
    const ours = r.stdout.split('\n').filter((l) => l !== '').sort();
    assert.deepEqual(ours, theirs, `${label}: ${q}`);
  }
}

test('GROUP BY over dictionary-encoded Parquet strings gives DuckDB\'s groups', async (t) => {
  const dir = tempDir(t);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const theirs = path.join(dir, 'duckdb.parquet');
  await con.run(`COPY (${ROWS}) TO '${theirs}' (FORMAT parquet, ROW_GROUP_SIZE 25000)`);
  await compare(con, theirs, 'DuckDB-written');

  // The same rows written by Sluice (dictionary pages by default), small row groups.
  const csv = path.join(dir, 'rows.csv');
  await con.run(`COPY (${ROWS}) TO '${csv}' (HEADER, NULLSTR '')`);
  const ours = path.join(dir, 'sluice.parquet');
  const r = sluice(['convert', csv, ours, '-o', 'header=true', '--schema', 'id BIGINT, c STRING, k INT, h STRING',
    '-O', 'rowGroupRows=20000']);
  assert.equal(r.code, 0, r.stderr);
  const meta = (await con.runAndReadAll(`SELECT DISTINCT encodings FROM parquet_metadata('${ours}') WHERE path_in_schema = 'c'`))
    .getRowsJson().map((row) => String(row[0]));
  assert.ok(meta.some((e) => /DICTIONARY/.test(e)), `column c is dictionary-encoded: ${meta}`);
  await compare(con, ours, 'Sluice-written');
});
