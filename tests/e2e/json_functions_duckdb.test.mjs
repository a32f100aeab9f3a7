// JSON functions against DuckDB where its semantics are Spark's: get_json_object with simple
// paths (json_extract_string), json_array_length of arrays and json_object_keys (json_keys)
// over the same random JSON documents (nested objects and arrays, escapes, UTF-8, nulls).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice } from './helpers.mjs';

const STRINGS = ['x', 'é日本', 'a\\"b', 'back\\\\slash', '\\u00e9t\\u00e9', 'sl\\/ash', '', '😀 ok'];

function randomValue(next, depth) {
  const k = Math.floor(next() * (depth > 1 ? 6 : 8));
  switch (k) {
    case 0: return String(Math.floor(next() * 2000000) - 1000000);
    case 1: return `"${STRINGS[Math.floor(next() * STRINGS.length)]}"`;
    case 2: return next() < 0.5 ? 'true' : 'false';
    case 3: return 'null';
    case 4: return `${Math.floor(next() * 100)}.${1 + Math.floor(next() * 9)}`;
    case 5: return `"${Math.floor(next() * 10)}"`;
    case 6: {
      const n = Math.floor(next() * 4);
      return '[' + Array.from({ length: n }, () => randomValue(next, depth + 1)).join(',') + ']';
    }
    default: return randomObject(next, depth + 1);
  }
}

function randomObject(next, depth) {
  const keys = ['a', 'b', 'c', 'd'].filter(() => next() < 0.6);
  return '{' + keys.map((key) => `"${key}": ${randomValue(next, depth)}`).join(', ') + '}';
}

function text(value) {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

test('JSON functions agree with DuckDB on random documents', async () => {
  const next = rng(20261202);
  const docs = Array.from({ length: 400 }, () =>
    next() < 0.2 ? '[' + Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, 1)).join(', ') + ']'
      : randomObject(next, 0));
  // Spark's string literals read backslash escapes, DuckDB's do not.
  const rows = (escape) => docs.map((d, i) => `(${i}, '${escape(d)}')`).join(', ') +
    `, (${docs.length}, NULL)`;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const cases = [
    ["get_json_object(j, '$.a')", "json_extract_string(j, '$.a')"],
    ["get_json_object(j, '$.b[1]')", "json_extract_string(j, '$.b[1]')"],
    ["get_json_object(j, '$.d.a')", "json_extract_string(j, '$.d.a')"],
    ["get_json_object(j, '$[0]')", "json_extract_string(j, '$[0]')"],
    // DuckDB gives 0 for what is not an array, Spark NULL.
    ['json_array_length(j)', "CASE WHEN json_type(j) = 'ARRAY' THEN json_array_length(j) END"],
    ['json_object_keys(j)', "CASE WHEN json_type(j) = 'OBJECT' THEN json_keys(j) END"],
  ];
  for (const [spark, duck] of cases) {
    const expected = (await con.runAndReadAll(
      `SELECT ${duck} AS v FROM (VALUES ${rows((d) => d)}) t(i, j) ORDER BY i`)).getRowsJson()
      .map((r) => text(r[0]));
    const r = sluice(['sql', '--format', 'tsv', '-e',
      `SELECT ${spark} FROM VALUES ${rows((d) => d.replaceAll('\\', '\\\\'))} AS t(i, j) ORDER BY i`]);
    assert.equal(r.code, 0, `${spark}: ${r.stderr}`);
    const actual = r.stdout.split('\n').slice(0, docs.length + 1);
    for (let i = 0; i < expected.length; i++)
      assert.equal(actual[i], expected[i], `${spark} of ${docs[i] ?? 'NULL'}`);
  }
});
