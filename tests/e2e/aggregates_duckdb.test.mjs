// SQL aggregates against DuckDB where both follow the same definitions: the same generated
// rows (Parquet, with NULLs, one group of 3 rows and others of 200) aggregated per group. Floating
// results agree to 1e-9 relative (the engines add in different orders); the rest exactly.
// Spark's population skewness/kurtosis are computed in DuckDB from their definitions.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseExact, sluice, tempDir } from './helpers.mjs';

const ROWS = `SELECT i AS id, (i * 7919) % 13 AS g,
  CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 1000) / 10.0 - 30 END::DOUBLE AS x,
  CASE WHEN i % 13 = 5 THEN NULL ELSE ((i * 53) % 777) / 7.0 END::DOUBLE AS y,
  CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 31) % 1024 END::BIGINT AS n,
  CASE WHEN i % 19 = 0 THEN NULL ELSE (i * 3) % 5 <> 0 END AS b,
  CASE WHEN i % 23 = 0 THEN NULL ELSE 'v' || ((i * 7919) % 613) || repeat('é', i % 9) END AS s
  FROM range(2600) t(i) WHERE g <> 12 OR i < 40`;

// [Sluice expression, DuckDB expression, floating? ('list': compared as sorted numbers)]
const AGGREGATES = [
  ['count(x)', 'count(x)', false],
  ['count(DISTINCT n)', 'count(DISTINCT n)', false],
  ['stddev_samp(x)', 'stddev_samp(x)', true],
  ['stddev_pop(x)', 'stddev_pop(x)', true],
  ['var_samp(x)', 'var_samp(x)', true],
  ['var_pop(x)', 'var_pop(x)', true],
  ['covar_samp(x, y)', 'covar_samp(x, y)', true],
  ['covar_pop(x, y)', 'covar_pop(x, y)', true],
  ['corr(x, y)', 'corr(x, y)', true],
  ['regr_count(y, x)', 'regr_count(y, x)', false],
  ['regr_sxx(y, x)', 'regr_sxx(y, x)', true],
  ['regr_syy(y, x)', 'regr_syy(y, x)', true],
  ['regr_sxy(y, x)', 'regr_sxy(y, x)', true],
  ['regr_avgx(y, x)', 'regr_avgx(y, x)', true],
  ['regr_avgy(y, x)', 'regr_avgy(y, x)', true],
  ['regr_r2(y, x)', 'regr_r2(y, x)', true],
  ['regr_slope(y, x)', 'regr_slope(y, x)', true],
  ['regr_intercept(y, x)', 'regr_intercept(y, x)', true],
  ['median(x)', 'median(x)', true],
  ['percentile_cont(0.3) WITHIN GROUP (ORDER BY x)', 'quantile_cont(x, 0.3)', true],
  ['percentile(n, 0.9)', 'quantile_cont(n, 0.9)', true],
  ['product(b::int + 1)', 'product(b::int + 1)', true],
  ['min(s)', 'min(s)', false],
  ['max(s)', 'max(s)', false],
  ['bool_and(b)', 'bool_and(b)', false],
  ['bool_or(b)', 'bool_or(b)', false],
  ['count_if(b)', 'count_if(b)', false],
  ['bit_and(n)', 'bit_and(n)', false],
  ['bit_or(n)', 'bit_or(n)', false],
  ['bit_xor(n)', 'bit_xor(n)', false],
  ['min_by(n, id)', 'arg_min_null(n, id)', false],
  ['max_by(x, id)', 'arg_max_null(x, id)', true],
  ['collect_set(n)', 'list(DISTINCT n) FILTER (WHERE n IS NOT NULL)', 'list'],
  ['collect_list(x)', 'list(x) FILTER (WHERE x IS NOT NULL)', 'list'],
  ['skewness(x)', 'sqrt(count(x)) * sum(pow(x - m, 3)) / pow(sum(pow(x - m, 2)), 1.5)', true],
  ['kurtosis(x)', 'count(x) * sum(pow(x - m, 4)) / pow(sum(pow(x - m, 2)), 2) - 3', true],
];

function close(actual, expected, what) {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  const a = Number(actual), e = Number(expected);
  assert.ok(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)), `${what}: ${a} vs ${e}`);
}

test('aggregates per group agree with DuckDB', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'rows.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`CREATE TABLE t AS ${ROWS}`);
  await con.run(`COPY t TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 700)`);
  const columns = AGGREGATES.map(([, duck], i) => `${duck} AS a${i}`).join(', ');
  const expected = (await con.runAndReadAll(
    `SELECT g, ${columns} FROM t JOIN (SELECT g AS mg, avg(x) AS m FROM t GROUP BY g) ON g = mg
     GROUP BY g ORDER BY g`)).getRowObjectsJson();
  const select = AGGREGATES.map(([ours], i) => `${ours} AS a${i}`).join(', ');
  const r = sluice(['sql', '--format', 'json', '-e',
    `SELECT g, ${select} FROM parquet.\`${file}\` GROUP BY g ORDER BY g`]);
  assert.equal(r.code, 0, r.stderr);
  const actual = r.stdout.trim().split('\n').map(parseExact);
  assert.equal(actual.length, expected.length);
  for (let row = 0; row < expected.length; row++) {
    assert.equal(String(actual[row].g), String(expected[row].g));
    AGGREGATES.forEach(([ours, , floating], i) => {
      const a = actual[row][`a${i}`] ?? null, e = expected[row][`a${i}`] ?? null;
      const what = `group ${expected[row].g}: ${ours}`;
      if (floating === 'list') {
        const sorted = (l) => l.map(Number).sort((p, q) => p - q);
        assert.deepEqual(sorted(a), sorted(e), what);
      } else if (floating) close(a, e, what);
      else assert.equal(a === null ? null : String(a), e === null ? null : String(e), what);
    });
  }
});
