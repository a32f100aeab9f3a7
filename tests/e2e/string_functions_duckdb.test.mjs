// String functions against DuckDB where its semantics are Spark's: the same expressions over
// the same random UTF-8 strings (one- to four-byte characters, spaces, LIKE wildcards) give
// the same values. Spark and DuckDB spell some calls differently; each case gives both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice } from './helpers.mjs';

// [Spark SQL, DuckDB SQL] over a column s.
const CASES = [
  ['length(s)', 'length(s)'],
  ['upper(s)', 'upper(s)'],
  ['lower(s)', 'lower(s)'],
  ['reverse(s)', 'reverse(s)'],
  ['substring(s, 2, 3)', 'substring(s, 2, 3)'],
  ['left(s, 3)', 'left(s, 3)'],
  ['right(s, 2)', 'right(s, 2)'],
  ["lpad(s, 7, 'é*')", "lpad(s, 7, 'é*')"],
  ["rpad(s, 4, '日')", "rpad(s, 4, '日')"],
  ["replace(s, 'a', 'xy')", "replace(s, 'a', 'xy')"],
  ["translate(s, 'aé日', 'xY')", "translate(s, 'aé日', 'xY')"],
  ["instr(s, 'é')", "instr(s, 'é')"],
  ["split_part(s, ' ', 2)", "split_part(s, ' ', 2)"],
  ["concat_ws('-', s, upper(s))", "concat_ws('-', s, upper(s))"],
  ['repeat(s, 2)', 'repeat(s, 2)'],
  ["startswith(s, 'a')", "starts_with(s, 'a')"],
  ["contains(s, '€')", "contains(s, '€')"],
  ['md5(s)', 'md5(s)'],
  ['sha2(s, 256)', 'sha256(s)'],
  ['hex(s)', 'hex(s)'],
  ['base64(s)', 'to_base64(encode(s))'],
  ["regexp_replace(s, '[aeé]', '_')", "regexp_replace(s, '[aeé]', '_', 'g')"],
  ["regexp_extract(s, '([a-z]+)([0-9])', 2)", "regexp_extract(s, '([a-z]+)([0-9])', 2)"],
  ["regexp_like(s, '^[a-z ]+$')", "regexp_matches(s, '^[a-z ]+$')"],
  ["s LIKE '%a_b%'", "s LIKE '%a_b%'"],
  ["s LIKE '%\\\\%%'", "s LIKE '%\\%%' ESCAPE '\\'"],
  ["s ILIKE '%É%'", "s ILIKE '%É%'"],
];

const ALPHABET = ['a', 'b', 'c', 'e', 'z', 'A', 'B', 'É', 'é', '日', '本', '€', '😀', ' ', '0', '7', '_', '%'];

function randomStrings(count) {
  const next = rng(20261201);
  const out = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(next() * 9);
    let s = '';
    for (let k = 0; k < n; k++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
    out.push(s);
  }
  return out;
}

function text(value) {
  if (value === null) return 'NULL';
  return String(value);
}

test('string functions agree with DuckDB on random UTF-8 strings', async () => {
  const strings = randomStrings(300);
  const values = strings.map((s, i) => `(${i}, '${s}')`).join(', ') + `, (${strings.length}, NULL)`;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  for (const [spark, duck] of CASES) {
    const expected = (await con.runAndReadAll(
      `SELECT ${duck} AS v FROM (VALUES ${values}) t(i, s) ORDER BY i`)).getRowsJson()
      .map((r) => text(r[0]));
    const r = sluice(['sql', '--format', 'tsv', '-e',
      `SELECT ${spark} FROM VALUES ${values} AS t(i, s) ORDER BY i`]);
    assert.equal(r.code, 0, `${spark}: ${r.stderr}`);
    const actual = r.stdout.split('\n').slice(0, strings.length + 1);
    for (let i = 0; i < expected.length; i++)
      assert.equal(actual[i], expected[i], `${spark} of '${strings[i] ?? 'NULL'}'`);
  }
});

// Digests computed on several workers at once: the same values as DuckDB's, and (in the
// sanitizer build) no OpenSSL state left behind by the workers when the process ends.
test('digests on several workers agree with DuckDB', async () => {
  const query = (md5, sha1, sha256) => `SELECT count(DISTINCT ${md5}), min(${sha1}), max(${sha256})
    FROM range(200000) t(id)`;
  const text = 'CAST(id AS STRING)';
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const expected = (await con.runAndReadAll(query(`md5(${text})`, `sha1(${text})`, `sha256(${text})`)))
    .getRows().map((row) => row.map(String).join('\t'));
  for (let run = 0; run < 3; run++) {
    const r = sluice(['sql', '--format', 'tsv', '-e',
      query(`md5(${text})`, `sha1(${text})`, `sha2(${text}, 256)`)], { env: { SLUICE_THREADS: '4' } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), expected);
  }
});
