// CSV text encodings: the corpus's UTF-16 and Latin-1 files and generated files are read
// by Sluice and compared with DuckDB (which reads UTF-16 and Latin-1) and, for the
// encodings DuckDB lacks, with the generator's own strings.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, rng, sluice, tempDir } from './helpers.mjs';

const corpus = path.resolve(projectRoot, '../shared/corpus/csv/duckdb');

function sluiceRows(file, options) {
  const args = ['cat', file, '-o', 'header=true', '--format', 'json', '--limit', '-1'];
  for (const o of options) args.push('-o', o);
  const out = sluice(args);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.trim().split('\n').filter((l) => l !== '').map((l) => Object.values(JSON.parse(l)));
}

async function duckRows(file, encoding) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const reader = await con.runAndReadAll(
    `SELECT * FROM read_csv('${file}', encoding = '${encoding}', header = true, all_varchar = true,
       quote = '"', escape = '"')`);
  return reader.getRowsJson();
}

test('corpus UTF-16 and Latin-1 files read as DuckDB reads them', async () => {
  const cases = [
    ['encodings/utf16.csv', 'utf-16', ['encoding=UTF-16']],
    ['encodings/utf16.csv', 'utf-16', []], // the byte-order mark decides
    ['encodings/utf16.csv.gz', 'utf-16', ['encoding=utf-16le']],
    ['invalid_utf8.csv', 'utf-16', []],
    ['encodings/latin1.csv', 'latin-1', ['encoding=ISO-8859-1']],
    ['encodings/latin1.csv.gz', 'latin-1', ['encoding=latin1']],
  ];
  for (const [name, duckEncoding, options] of cases) {
    const file = path.join(corpus, name);
    const theirs = await duckRows(file, duckEncoding);
    assert.ok(theirs.length > 0, name);
    assert.deepEqual(sluiceRows(file, options), theirs, `${name} ${options}`);
  }
});

// Text of every kind: accents, CJK, an emoji (a surrogate pair in UTF-16), quotes, commas.
const PIECES = ['plain', 'café', 'Müller', '日本語', '😀', 'say "hi"', 'a,b', 'ÿþ', '€'];
function generate(seed, pieces, rows) {
  const r = rng(seed);
  const values = [];
  for (let i = 0; i < rows; i++) {
    let s = '';
    for (let k = 1 + Math.floor(r() * 3); k > 0; k--) s += pieces[Math.floor(r() * pieces.length)];
    values.push([String(i), s]);
  }
  const field = (v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const text = ['id,s', ...values.map((row) => row.map(field).join(','))].join('\r\n') + '\r\n';
  return { values, text };
}

const utf16le = (text) => Buffer.from(text, 'utf16le');
const utf16be = (text) => utf16le(text).swap16();
function utf32(text, littleEndian) {
  const points = [...text].map((c) => c.codePointAt(0));
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (littleEndian ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
  return out;
}
// windows-1252 for the pieces' characters: Latin-1 except the euro sign.
const cp1252 = (text) => Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.codePointAt(0))));

test('generated UTF-16 files read as DuckDB reads them, serially and in parallel', async (t) => {
  const dir = tempDir(t);
  // DuckDB 1.5 refuses surrogate pairs in UTF-16 ("File is not utf-16 encoded").
  const { values, text } = generate(7, PIECES.filter((p) => p !== '😀'), 3000);
  const file = path.join(dir, 'le.csv');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]));
  const theirs = await duckRows(file, 'utf-16');
  assert.deepEqual(theirs, values);
  assert.deepEqual(sluiceRows(file, []), values);
  const parallel = sluice(['validate', file, '-o', 'header=true', '--schema', 'id INT, s STRING'],
    { env: { SLUICE_THREADS: '4' } });
  assert.equal(parallel.code, 0, parallel.stderr);
  assert.match(parallel.stdout, /rows read\s+3,000/);
  assert.match(parallel.stdout, /rows rejected\s+0/);
});

test('encodings DuckDB lacks give the generator\'s strings', (t) => {
  const dir = tempDir(t);
  const { values, text } = generate(11, PIECES, 500);
  const latin = generate(12, PIECES.filter((p) => /^[\u0000-\u00ff€]*$/.test(p)), 500);
  const cases = [
    ['UTF-16BE', utf16be(text), values],
    ['UTF-16', utf16be(text), values], // no mark: big-endian
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]), values],
    ['UTF-32', utf32(text, false), values],
    ['UTF-32LE', utf32(text, true), values],
    ['windows-1252', cp1252(latin.text), latin.values],
    ['cp1252', gzipSync(cp1252(latin.text)), latin.values],
  ];
  cases.forEach(([encoding, bytes, expected], i) => {
    const file = path.join(dir, `f${i}.csv${bytes[0] === 0x1f && bytes[1] === 0x8b ? '.gz' : ''}`);
    writeFileSync(file, bytes);
    assert.deepEqual(sluiceRows(file, [`encoding=${encoding}`]), expected, encoding);
  });
});

test('an invalid byte sequence rejects its row, naming file, line and offset', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'bad.csv');
  // Line 3 holds the byte 0x81, which windows-1252 leaves unassigned.
  writeFileSync(file, Buffer.concat([cp1252('s\r\nok\r\n'), Buffer.from([0x61, 0x81]), cp1252('\r\nend\r\n')]));
  const out = sluice(['validate', file, '-o', 'header=true', '-o', 'encoding=windows-1252', '--schema', 's STRING']);
  assert.notEqual(out.code, 0);
  assert.match(out.stdout, /rows rejected\s+1/);
  assert.ok(out.stdout.includes(`${file}:3 (byte 7), column 's': bytes that are not valid windows-1252`), out.stdout);
});

test('writing CSV in another encoding is refused, not ignored', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'in.csv');
  writeFileSync(file, 'a\n1\n');
  const out = sluice(['convert', file, path.join(dir, 'out.csv'), '-o', 'header=true', '-O', 'encoding=utf-16le']);
  assert.notEqual(out.code, 0);
  assert.match(out.stderr, /CSV files are written in UTF-8 only \(option 'encoding' is UTF-16LE\)/);
});
