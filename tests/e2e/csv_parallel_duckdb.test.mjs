// Parallel CSV reads against DuckDB: random files of several morsels (quoted values with
// line breaks, delimiters, quotes and escapes inside, multi-byte delimiters, white space
// before quotes, CRLF, gzip) are read by Sluice on several workers in no particular order
// (`convert` to a folder), and the rows must be the multiset DuckDB reads from the same
// file with the same dialect.
// Only dialect features whose semantics DuckDB and Spark share are used here; the
// unit test csv_parallel_read_test.cc covers the rest against Sluice's ordered read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice, tempDir } from './helpers.mjs';

const ROWS = 160000;  // about 4 MB: four morsels or more (1 MiB at least each)

function dialect(r) {
  const delimiters = [',', ';', '\t', '||', '::'];
  const quote = r() < 0.25 ? "'" : '"';
  const delimiter = delimiters[Math.floor(r() * delimiters.length)];
  return {
    delimiter,
    quote,
    escape: r() < 0.5 ? '\\' : quote,
    lineBreak: r() < 0.5 ? '\n' : '\r\n',
    gzip: r() < 0.3,
    // A space before quoted values: Sluice skips it with ignoreLeadingWhiteSpace, DuckDB always.
    spaced: r() < 0.5,
  };
}

// A value that needs quoting: delimiters, quotes, escapes and line breaks inside (the
// file's own: DuckDB 1.5 misreads a bare '\n' inside quotes in a CRLF file).
function quoted(r, d) {
  const pieces = ['x', 'yz', ' ', d.delimiter, d.quote, d.lineBreak, '\\', '#', 'é', '  '];
  let s = 'v';
  for (let k = Math.floor(r() * 6); k > 0; k--) s += pieces[Math.floor(r() * pieces.length)];
  let body = '';
  for (const ch of s) {
    if (ch === d.quote) body += d.escape + ch;
    else if (ch === '\\' && d.escape === '\\') body += '\\\\';
    else body += ch;
  }
  return d.quote + body + d.quote;
}

function generate(r, d) {
  const lines = [];
  for (let i = 0; i < ROWS; i++) {
    const b = r() < 0.5 ? quoted(r, d) : `plain${i % 97}`;
    const c = (d.spaced ? ' ' : '') + quoted(r, d);
    lines.push([String(i * 7 - 1000), b, c].join(d.delimiter));
  }
  return lines.join(d.lineBreak) + d.lineBreak;
}

const sqlText = (s) => `'${s.replaceAll("'", "''")}'`;

// These seeds give, between them: `,` with doubled quotes, `||` with `'` quotes, `::`
// with backslash escapes and a space before quotes, a gzip file with tabs; LF and CRLF.
for (const seed of [3, 4, 5, 6]) {
  test(`parallel read gives DuckDB's rows, seed ${seed}`, async (t) => {
    const r = rng(seed * 7919);
    const d = dialect(r);
    const dir = tempDir(t);
    const text = generate(r, d);
    const file = path.join(dir, d.gzip ? 'in.csv.gz' : 'in.csv');
    writeFileSync(file, d.gzip ? gzipSync(text) : text);
    const out = path.join(dir, 'out');
    const sep = d.delimiter === '\t' ? '\\t' : d.delimiter;
    const run = sluice(['convert', file, out, '--to', 'parquet', '--schema', 'a BIGINT, b STRING, c STRING',
      '-o', `sep=${sep}`, '-o', `quote=${d.quote}`, '-o', `escape=${d.escape}`, '-o', 'multiLine=true',
      '-o', `ignoreLeadingWhiteSpace=${d.spaced}`, '-o', 'mode=FAILFAST'], { env: { SLUICE_THREADS: '4' } });
    assert.equal(run.code, 0, `${JSON.stringify(d)}: ${run.stderr}`);

    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`CREATE TABLE theirs AS SELECT * FROM read_csv(${sqlText(file)}, header = false,
      delim = ${sqlText(d.delimiter)}, quote = ${sqlText(d.quote)}, escape = ${sqlText(d.escape)},
      columns = {'a': 'BIGINT', 'b': 'VARCHAR', 'c': 'VARCHAR'}, auto_detect = false, strict_mode = true)`);
    await con.run(`CREATE TABLE ours AS SELECT a, b, c FROM read_parquet(${sqlText(path.join(out, '*.parquet'))})`);
    const count = async (sql) => Number((await con.runAndReadAll(sql)).getRowsJson()[0][0]);
    assert.equal(await count('SELECT count(*) FROM theirs'), ROWS, 'DuckDB reads every row');
    assert.equal(await count('SELECT count(*) FROM ours'), ROWS, JSON.stringify(d));
    const missing = await con.runAndReadAll('SELECT * FROM (SELECT * FROM theirs EXCEPT ALL SELECT * FROM ours) LIMIT 3');
    assert.deepEqual(missing.getRowsJson(), [], `rows DuckDB reads that Sluice lacks (${JSON.stringify(d)})`);
    const extra = await con.runAndReadAll('SELECT * FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM theirs) LIMIT 3');
    assert.deepEqual(extra.getRowsJson(), [], `rows Sluice reads that DuckDB lacks (${JSON.stringify(d)})`);
  });
}

// Issue 7, point 1: rows like `17, "x<newline>y,z"` with ignoreLeadingWhiteSpace read in
// parallel gave a phantom row. DuckDB, which skips the space before a quote too, counts
// the same rows and values.
test('white space before a quoted multi-line value, read in parallel', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'spaced.csv');
  let text = '';
  // The first line of each value is long: a range boundary almost always falls inside it.
  for (let i = 0; i < 100000; i++) text += `${i % 100}, "${'x'.repeat(30)}\ny,z${i}"\n`;
  writeFileSync(file, text);
  const run = sluice(['validate', file, '-o', 'multiLine=true', '-o', 'ignoreLeadingWhiteSpace=true',
    '--schema', 'a INT, b STRING'], { env: { SLUICE_THREADS: '4' } });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const theirs = (await con.runAndReadAll(`SELECT count(*) FROM read_csv(${sqlText(file)}, header = false,
    columns = {'a': 'INTEGER', 'b': 'VARCHAR'}, quote = '"', escape = '"')`)).getRowsJson()[0][0];
  assert.match(run.stdout, new RegExp(`rows read\\s+${Number(theirs).toLocaleString('en-US')}\\n`));
  assert.match(run.stdout, /rows rejected\s+0\n/);
});
