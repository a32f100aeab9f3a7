// Math and bitwise functions against DuckDB where the two engines define them alike (IEEE
// doubles through the C library, two's-complement integers, Java's truncating %): the same
// expressions over the same 5,000 rows (several batches) give the same numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice } from './helpers.mjs';

// [Sluice (Spark SQL), DuckDB] over x = id - 2500 (BIGINT).
const EXPRESSIONS = [
  ['sqrt(abs(x) * 0.37d)', 'sqrt(abs(x) * 0.37::DOUBLE)'],
  ['exp(x / 1000.0d)', 'exp(x / 1000.0::DOUBLE)'],
  ['ln(abs(x) + 1)', 'ln(abs(x) + 1)'],
  ['log10(abs(x) + 1)', 'log10(abs(x) + 1)'],
  ['sin(x)', 'sin(x)'],
  ['cos(x * 0.5d)', 'cos(x * 0.5::DOUBLE)'],
  ['tan(x)', 'tan(x)'],
  ['atan2(x, 7)', 'atan2(x, 7)'],
  ['pow(1.001d, x)', 'pow(1.001::DOUBLE, x)'],
  ['floor(x / 7.0d)', 'floor(x / 7.0::DOUBLE)'],
  ['ceil(x / 7.0d)', 'ceil(x / 7.0::DOUBLE)'],
  ['abs(x)', 'abs(x)'],
  ['x % 7', 'x % 7'],
  ['x & 12345', 'x & 12345'],
  ['x | 77', 'x | 77'],
  ['x ^ 1023', 'xor(x, 1023)'],
  ['~x', '~x'],
  ['shiftleft(abs(x), 3)', 'abs(x) << 3'],
  ['shiftright(x, 2)', 'x >> 2'],
  ['greatest(x % 13, x % 7, 5)', 'greatest(x % 13, x % 7, 5)'],
  ['least(x % 13, x % 7, -5)', 'least(x % 13, x % 7, -5)'],
];

test('math and bitwise functions agree with DuckDB', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const duck = EXPRESSIONS.map(([, d]) => d).join(', ');
  const expected = (
    await con.runAndReadAll(`SELECT ${duck} FROM (SELECT range - 2500 AS x FROM range(5000)) ORDER BY x`)
  ).getRows().map((row) => row.map(Number));
  const spark = EXPRESSIONS.map(([s]) => s).join(', ');
  const r = sluice(['sql', '--format', 'tsv', '-e',
    `SELECT ${spark} FROM (SELECT id - 2500 AS x FROM range(5000)) ORDER BY x`]);
  assert.equal(r.code, 0, r.stderr);
  const actual = r.stdout.trimEnd().split('\n').map((line) => line.split('\t').map(Number));
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < EXPRESSIONS.length; j++) {
      assert.ok(Object.is(actual[i][j], expected[i][j]) || actual[i][j] === expected[i][j],
        `${EXPRESSIONS[j][0]} at x = ${i - 2500}: ${actual[i][j]} vs ${expected[i][j]}`);
    }
  }
});
