// Differential test: generated CSVs with every supported type and null pattern are read
// by Sluice and by DuckDB (the oracle, from npm) and the values compared one by one.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { exactTimestamps, microsOf, parseExact, rng, sluice, tempDir } from './helpers.mjs';

// name, Sluice type, DuckDB type, value generator (returns CSV text), canonical form kind.
const COLUMNS = [
  ['b', 'BOOLEAN', 'BOOLEAN', (r) => (r() < 0.5 ? 'true' : 'false'), 'text'],
  ['ti', 'TINYINT', 'TINYINT', (r) => String(Math.floor(r() * 256) - 128), 'text'],
  ['si', 'SMALLINT', 'SMALLINT', (r) => String(Math.floor(r() * 65536) - 32768), 'text'],
  ['i', 'INT', 'INTEGER', (r) => String(Math.floor(r() * 4294967296) - 2147483648), 'text'],
  ['l', 'BIGINT', 'BIGINT', (r) => String(BigInt(Math.floor(r() * 2 ** 52)) * 2047n - 2n ** 62n), 'text'],
  ['f', 'FLOAT', 'FLOAT', (r) => String(Math.fround((r() - 0.5) * 10 ** Math.floor(r() * 8))), 'float'],
  ['d', 'DOUBLE', 'DOUBLE', (r) => String((r() - 0.5) * 10 ** Math.floor(r() * 30 - 15)), 'double'],
  ['dec1', 'DECIMAL(18,4)', 'DECIMAL(18,4)', (r) => decimal(r, 14, 4), 'text'],
  ['dec2', 'DECIMAL(38,10)', 'DECIMAL(38,10)', (r) => decimal(r, 28, 10), 'text'],
  ['dt', 'DATE', 'DATE', (r) => isoDate(r), 'text'],
  ['ts', 'TIMESTAMP', 'TIMESTAMPTZ', (r) => `${isoDate(r)} ${clock(r)}${offset(r)}`, 'micros'],
  ['ntz', 'TIMESTAMP_NTZ', 'TIMESTAMP', (r) => `${isoDate(r)} ${clock(r)}`, 'micros'],
  ['s', 'STRING', 'VARCHAR', (r) => text(r), 'text'],
];

function decimal(r, intDigits, scale) {
  let digits = '';
  const n = 1 + Math.floor(r() * intDigits);
  for (let k = 0; k < n; k++) digits += Math.floor(r() * 10);
  let frac = '';
  for (let k = 0; k < scale; k++) frac += Math.floor(r() * 10);
  const whole = digits.replace(/^0+(?=\d)/, '');
  return `${r() < 0.5 ? '-' : ''}${whole}.${frac}`;
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
function isoDate(r) {
  const y = 1900 + Math.floor(r() * 200);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${pad(m)}-${pad(d)}`;
}
function clock(r) {
  const frac = r() < 0.5 ? '' : `.${pad(Math.floor(r() * 1e6), 6)}`;
  return `${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:${pad(Math.floor(r() * 60))}${frac}`;
}
function offset(r) {
  const minutes = (Math.floor(r() * 57) - 28) * 30;
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
function text(r) {
  const pieces = ['plain', 'with,comma', 'say "hi"', 'two\nlines', 'tab\there', 'café', '日本', ' padded '];
  let s = '';
  for (let k = 1 + Math.floor(r() * 3); k > 0; k--) s += pieces[Math.floor(r() * pieces.length)];
  return s;
}
function csvField(value) {
  return /[",\n\r]|^ | $/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function duckCanonical(kind, name) {
  if (kind === 'micros') return `epoch_us("${name}")::VARCHAR`;
  if (kind === 'text') return `"${name}"::VARCHAR`;
  return `"${name}"`;
}

async function compare(t, rowCount, nullRate, seed, threads) {
  const dir = tempDir(t);
  const file = path.join(dir, 'typed.csv');
  const r = rng(seed);
  const lines = [COLUMNS.map((c) => c[0]).join(',')];
  for (let i = 0; i < rowCount; i++) {
    lines.push(COLUMNS.map((c) => (r() < nullRate ? '' : csvField(c[3](r)))).join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');

  const schema = COLUMNS.map((c) => `${c[0]} ${c[1]}`).join(', ');
  const out = sluice(['cat', file, '-o', 'header=true', '-o', 'multiLine=true', '-o', 'mode=FAILFAST',
    '--schema', schema, '--conf', 'spark.sql.session.timeZone=UTC', '--format', 'json', '--limit', '-1',
    ...exactTimestamps],
  { env: { SLUICE_THREADS: String(threads) } });
  assert.equal(out.code, 0, out.stderr);
  const ours = out.stdout.trim().split('\n').map(parseExact);

  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const columns = COLUMNS.map((c) => `'${c[0]}': '${c[2]}'`).join(', ');
  const select = COLUMNS.map((c) => duckCanonical(c[4], c[0])).join(', ');
  const reader = await con.runAndReadAll(
    `SELECT ${select} FROM read_csv('${file}', header = true, columns = {${columns}}, quote = '"', escape = '"')`);
  const theirs = reader.getRowsJson();
  assert.equal(ours.length, theirs.length);
  for (let i = 0; i < theirs.length; i++) {
    COLUMNS.forEach(([name, , , , kind], c) => {
      const a = ours[i][name];
      const b = theirs[i][c];
      const where = `row ${i + 1}, column ${name}`;
      if (b === null || a === null) return assert.equal(a, b, where);
      if (kind === 'micros') return assert.equal(microsOf(a), b, where);
      if (kind === 'float') return assert.equal(Math.fround(Number(a)), Math.fround(Number(b)), where);
      if (kind === 'double') return assert.equal(Number(a), Number(b), where);
      if (name === 'b' || name.startsWith('dec') || name === 'ti' || name === 'si' || name === 'i' || name === 'l') {
        return assert.equal(String(a), b, where);
      }
      return assert.equal(a, b, where);
    });
  }
}

test('every type, some nulls, one thread', async (t) => compare(t, 3000, 0.1, 1, 1));
test('every type, mostly nulls, parallel ranges', async (t) => compare(t, 40000, 0.7, 2, 2));
test('every type, no nulls, parallel ranges', async (t) => compare(t, 40000, 0, 3, 2));
