// Every file of the foreign corpus (../shared/corpus/{csv,parquet}, other projects' test
// files) is read by `sluice cat`: it must give DuckDB's rows and values (read with the same
// options), or the outcome listed in corpus_expectations.json (a clear error, or a row count
// where Spark's rules differ from DuckDB's), and never crash or hang.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { suite, test } from 'node:test';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { corpusDir, exactTimestamps, parseExact, sluiceBin } from './helpers.mjs';

const TIMEOUT_MS = process.env.SLUICE_CORPUS_HEAVY === '1' ? 300000 : 20000;
const expectations = JSON.parse(readFileSync(new URL('./corpus_expectations.json', import.meta.url)));

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// Runs sluice without blocking the event loop, so several files are read at once.
function runSluice(args) {
  return new Promise((resolve) => {
    execFile(sluiceBin, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: TIMEOUT_MS },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, signal: error?.signal, killed: error?.killed, stdout, stderr }));
  });
}

const isParquet = (file) => /\.parquet$/i.test(file);
const sql = (text) => `'${String(text).replaceAll("'", "''")}'`;

// DuckDB's read_csv parameters every CSV read here shares: no sniffing, no Hive columns.
function duckCsvParams(options, extra) {
  const params = ['auto_detect=false', 'header=false', 'hive_partitioning=false', 'parallel=false', 'skip=0'];
  if (options.encoding) params.push(`encoding=${sql(options.encoding === 'ISO-8859-1' ? 'latin-1' : options.encoding.toLowerCase())}`);
  if (extra) params.push(extra);
  return params;
}

// DuckDB's read_csv with the dialect Spark's options describe (Spark's defaults where unset):
// every column text, short rows padded with NULL, "" read as NULL (as Spark does), longer rows
// cut (Spark's PERMISSIVE mode), `columns` wide.
function duckCsv(file, options, columns, extra) {
  const names = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`);
  const params = [...duckCsvParams(options, extra), `columns={${names.join(', ')}}`,
    `delim=${sql(options.sep ?? ',')}`, `quote=${sql(options.quote ?? '"')}`, `escape=${sql(options.escape ?? '\\')}`,
    'null_padding=true', 'strict_mode=false'];
  if (options.comment) params.push(`comment=${sql(options.comment)}`);
  return `SELECT * FROM read_csv(${sql(file)}, ${params.join(', ')})`;
}

// The number of fields of the first record, which sets a CSV file's columns in Spark (empty
// lines skipped). DuckDB only splits the file into lines (it decompresses and decodes).
async function firstRecordWidth(con, file, options, extra) {
  const params = [...duckCsvParams(options, extra), "columns={'line': 'VARCHAR'}", "delim=E'\\x01'",
    "quote=''", "escape=''", 'strict_mode=false'];
  const lines = (await con.runAndReadAll(`SELECT * FROM read_csv(${sql(file)}, ${params.join(', ')}) LIMIT 1000`))
    .getRows().map(([line]) => line).filter((line) => line);
  const text = lines.join('\n');
  const { sep = ',', quote = '"', escape = '\\' } = options;
  let fields = 1;
  let atStart = true;
  for (let i = 0; i < text.length;) {
    if (atStart && options.ignoreLeadingWhiteSpace === 'true' && text[i] === ' ') {
      i++;
    } else if (atStart && quote && text[i] === quote) {
      for (i++; i < text.length; i++) {
        if (text[i] === '\n' && options.multiLine !== 'true') return fields;
        if ((text[i] === escape || text[i] === quote) && text[i + 1] === quote) i++;
        else if (text[i] === quote) break;
      }
      i++;
      atStart = false;
    } else if (text.startsWith(sep, i)) {
      fields++;
      i += sep.length;
      atStart = true;
    } else if (text[i] === '\n') {
      return fields;
    } else {
      i++;
      atStart = false;
    }
  }
  return fields;
}

// Canonical text of a value, from DuckDB's value and type or from Sluice's JSON (numbers kept
// as their text by parseExact), so that the two engines' spellings compare equal.
const T = DuckDBTypeId;
const INTEGERS = new Set([T.TINYINT, T.SMALLINT, T.INTEGER, T.BIGINT, T.UTINYINT, T.USMALLINT, T.UINTEGER, T.UBIGINT, T.HUGEINT, T.UHUGEINT]);

function plainDecimal(text) {
  let s = String(text);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

// Days since 1970-01-01 of a proleptic Gregorian date, for any year (H. Hinnant's algorithm).
function daysFromCivil(year, month, day) {
  const y = BigInt(year) - (month <= 2 ? 1n : 0n);
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yoe = y - era * 400n;
  const doy = (153n * BigInt(month > 2 ? month - 3 : month + 9) + 2n) / 5n + BigInt(day) - 1n;
  return era * 146097n + yoe * 365n + yoe / 4n - yoe / 100n + doy - 719468n;
}

// Sluice prints dates and timestamps as Spark does: [+-]year-MM-dd[ HH:mm:ss[.ffffff]].
function microsOfText(text, dateOnly = false) {
  const m = /^([-+]?\d+)-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?$/.exec(text);
  assert.ok(m && dateOnly === (m[4] === undefined), `not a ${dateOnly ? 'date' : 'timestamp'}: ${text}`);
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  if (dateOnly) return String(days);
  const seconds = days * 86400n + BigInt(Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]));
  return String(seconds * 1000000n + BigInt((m[7] ?? '').padEnd(6, '0')));
}

const hexOfBytes = (bytes) => Buffer.from(bytes).toString('hex').toUpperCase();
const hexOfBase64 = (text) => Buffer.from(text, 'base64').toString('hex').toUpperCase();  // to_json's binary

function fromDuck(v, type) {
  if (v === null) return null;
  const id = type.typeId;
  if (id === T.BOOLEAN || INTEGERS.has(id) || id === T.VARCHAR) return String(v);
  if (id === T.FLOAT) return String(Math.fround(v));
  if (id === T.DOUBLE) return String(v);
  if (id === T.DECIMAL) return plainDecimal(v.toString());
  if (id === T.BLOB || id === T.GEOMETRY) return hexOfBytes(v.bytes);
  if (id === T.UUID) return v.toString().replaceAll('-', '').toUpperCase();
  if (id === T.DATE) return String(v.days);
  if (id === T.TIMESTAMP || id === T.TIMESTAMP_TZ) return String(v.micros);
  if (id === T.TIMESTAMP_MS) return String(v.millis * 1000n);
  if (id === T.TIMESTAMP_S) return String(v.seconds * 1000000n);
  if (id === T.TIMESTAMP_NS) return String(v.nanos >= 0n ? v.nanos / 1000n : -((-v.nanos + 999n) / 1000n));
  if (id === T.LIST || id === T.ARRAY) return v.items.map((item) => fromDuck(item, type.valueType));
  if (id === T.STRUCT) return Object.fromEntries(type.entryNames.map((name, i) => [name, fromDuck(v.entries[name], type.entryTypes[i])]));
  if (id === T.MAP) return v.entries.map(({ key, value }) => [fromDuck(key, type.keyType), fromDuck(value, type.valueType)]);
  return `unsupported DuckDB type ${type}`;
}

function fromSluice(v, type) {
  if (v === undefined) return 'missing';
  if (v === null) return null;
  const id = type.typeId;
  if (id === T.BOOLEAN || id === T.VARCHAR) return String(v);
  if (INTEGERS.has(id)) return String(BigInt(v));
  if (id === T.FLOAT) return String(Math.fround(Number(v)));
  if (id === T.DOUBLE) return String(Number(v));
  if (id === T.DECIMAL) return plainDecimal(v);
  if (id === T.BLOB || id === T.GEOMETRY || id === T.UUID) return hexOfBase64(v);
  if (id === T.DATE) return microsOfText(v, true);
  if ([T.TIMESTAMP, T.TIMESTAMP_TZ, T.TIMESTAMP_MS, T.TIMESTAMP_S, T.TIMESTAMP_NS].includes(id)) return microsOfText(v);
  if (id === T.LIST || id === T.ARRAY) return Array.isArray(v) ? v.map((item) => fromSluice(item, type.valueType)) : `not a list: ${JSON.stringify(v)}`;
  if (id === T.STRUCT) return Object.fromEntries(type.entryNames.map((name, i) => [name, fromSluice(v[name], type.entryTypes[i])]));
  if (id === T.MAP) return Object.entries(v).map(([key, value]) => [fromSluice(key, type.keyType), fromSluice(value, type.valueType)]);
  return JSON.stringify(v);
}

async function compareWithDuckDB(con, file, entry, ours) {
  let query = `SELECT * FROM read_parquet(${sql(file)})`;
  if (!isParquet(file)) {
    const width = await firstRecordWidth(con, file, entry.options ?? {}, entry.duckdb);
    if (ours.length > 0) assert.equal(Object.keys(ours[0]).length, width, "columns: the first record's fields");
    query = duckCsv(file, entry.options ?? {}, width, entry.duckdb);
  }
  if (entry.where) query += ` WHERE ${entry.where}`;
  const reader = await con.runAndReadAll(query);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const theirs = reader.getRows();
  assert.equal(ours.length, theirs.length, 'rows');
  for (let r = 0; r < theirs.length; r++) {
    // CSV columns are compared by position (Sluice names them _c0.., DuckDB column0..).
    const values = isParquet(file) ? names.map((n) => ours[r][n]) : Object.values(ours[r]);
    if (r === 0 && isParquet(file)) assert.deepEqual(Object.keys(ours[r]).sort(), [...names].sort(), 'columns');
    assert.equal(values.length, names.length, `row ${r + 1}: columns`);
    names.forEach((name, c) => {
      assert.deepEqual(fromSluice(values[c], types[c]), fromDuck(theirs[r][c], types[c]), `row ${r + 1}, column ${name}`);
    });
  }
}

const corpusFiles = [...walk(path.join(corpusDir, 'csv')), ...walk(path.join(corpusDir, 'parquet'))]
  .map((f) => path.relative(corpusDir, f)).sort();

test('every corpus file has an expected outcome, and every expectation a file', () => {
  const keyed = new Set(Object.keys(expectations).map((k) => k.split('#')[0]));
  assert.deepEqual(corpusFiles.filter((f) => !keyed.has(f)), [], 'files without an expectation');
  assert.deepEqual([...keyed].filter((f) => !corpusFiles.includes(f)), [], 'expectations without a file');
});

// Keys are paths under the corpus; "path#name" reads the same file again with other options.
// An entry's "expect" is "duckdb" (DuckDB's rows and values, read with the same "options" and
// "where"), "error: <text>" (exit 2, stderr names the file and says <text>), "rows: <n>" (with
// the "reason" DuckDB is no oracle), or "values" (the rows given, built by hand). "pending"
// names the point of issue 7 whose fix the entry waits for: those are skipped. "heavy" entries
// (minutes and gigabytes) run only when SLUICE_CORPUS_HEAVY=1.
suite('corpus', { concurrency: 4 }, async () => {
  const db = await DuckDBInstance.create(':memory:');
  for (const [key, entry] of Object.entries(expectations)) {
    test(key, async (t) => {
      if (entry.pending) return t.skip(`pending ${entry.pending}: ${entry.expect}`);
      if (entry.heavy && process.env.SLUICE_CORPUS_HEAVY !== '1') return t.skip(`heavy: ${entry.reason}`);
      const file = path.join(corpusDir, key.split('#')[0]);
      const args = ['cat', file, '--format', 'json', '--limit', '-1', '--conf', 'spark.sql.session.timeZone=UTC',
        ...exactTimestamps, ...(entry.args ?? [])];
      for (const [k, v] of Object.entries(entry.options ?? {})) args.push('-o', `${k}=${v}`);
      if (entry.where) args.push('--where', entry.where);
      const r = await runSluice(args);
      assert.ok(!r.killed, `no answer within ${TIMEOUT_MS} ms`);
      assert.equal(r.signal ?? null, null, `killed by ${r.signal}: ${r.stderr}`);
      if (entry.expect.startsWith('error: ')) {
        assert.equal(r.code, 2, `expected an error, got exit ${r.code}: ${r.stderr}`);
        assert.ok(r.stderr.includes(file), `the error names the file: ${r.stderr}`);
        const message = r.stderr.replaceAll(file, '');  // the path itself may hold the words
        assert.ok(message.includes(entry.expect.slice(7)), `the error says "${entry.expect.slice(7)}": ${r.stderr}`);
        if (entry.stderr_excludes) assert.ok(!message.includes(entry.stderr_excludes), r.stderr);
        return;
      }
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n').filter(Boolean);
      if (entry.expect.startsWith('rows: ')) return assert.equal(lines.length, Number(entry.expect.slice(6)), entry.reason);
      if (entry.expect === 'values') return assert.deepEqual(lines.map((l) => JSON.parse(l)), entry.values);
      assert.equal(entry.expect, 'duckdb', 'expect is "duckdb", "error: <text>", "rows: <n>" or "values"');
      const ours = lines.map(parseExact);
      const con = await db.connect();
      try {
        await compareWithDuckDB(con, file, entry, ours);
      } finally {
        con.closeSync();
      }
    });
  }
});
