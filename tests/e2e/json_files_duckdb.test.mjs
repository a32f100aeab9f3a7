// JSON-lines files as tables against DuckDB: generated files (every type the reader maps,
// escapes and non-ASCII text, NULLs and missing fields, several files and a glob) read by
// Sluice and by DuckDB's read_json with the same columns give the same rows; a table Sluice
// writes USING json reads back in DuckDB as the rows it came from; inference gives the
// schema Spark's rules give (written by hand); malformed lines follow the modes and reach
// the rejects.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice, tempDir } from './helpers.mjs';

const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const ROWS_PER_FILE = SANITIZED ? 400 : 3000;
const UTC = ['--conf', 'spark.sql.session.timeZone=UTC'];

const SCHEMA = 'i INT, b BIGINT, d DOUBLE, s STRING, f BOOLEAN, dt DATE, ts TIMESTAMP, ' +
  'arr ARRAY<INT>, st STRUCT<x: INT, y: STRING>';
const DUCK_COLUMNS = `{i: 'INTEGER', b: 'BIGINT', d: 'DOUBLE', s: 'VARCHAR', f: 'BOOLEAN',
  dt: 'DATE', ts: 'TIMESTAMP', arr: 'INTEGER[]', st: 'STRUCT(x INTEGER, y VARCHAR)'}`;

// Both engines spell each row the same way: text for all but the double.
const SLUICE_ROWS = `SELECT CAST(i AS STRING) AS i, CAST(b AS STRING) AS b, d, s,
  CAST(f AS STRING) AS f, CAST(dt AS STRING) AS dt,
  date_format(ts, 'yyyy-MM-dd HH:mm:ss.SSS') AS ts,
  array_join(transform(arr, x -> coalesce(CAST(x AS STRING), 'N')), ',') AS arr,
  CAST(st.x AS STRING) AS sx, st.y AS sy`;
const DUCK_ROWS = `SELECT i::VARCHAR AS i, b::VARCHAR AS b, d, s, f::VARCHAR AS f,
  dt::VARCHAR AS dt, strftime(ts, '%Y-%m-%d %H:%M:%S.%g') AS ts,
  array_to_string(list_transform(arr, x -> coalesce(x::VARCHAR, 'N')), ',') AS arr,
  st.x::VARCHAR AS sx, st.y AS sy`;

const WORDS = ['plain', 'tab\there', 'quote"d', 'back\\slash', 'new\nline', 'été ✓', '日本語', '😀'];

function generate(dir, files) {
  const random = rng(7);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (let f = 0; f < files; f++) {
    const lines = [];
    for (let r = 0; r < ROWS_PER_FILE; r++, n++) {
      const o = {};
      const maybe = (k, v) => {
        const p = random();
        if (p < 0.08) o[k] = null;
        else if (p > 0.04 && p < 0.12) return;  // missing: NULL too
        else o[k] = v;
      };
      maybe('i', Math.floor(random() * 2e9) - 1e9);
      maybe('b', `${BigInt(Math.floor(random() * 2 ** 52)) * 1024n - 2n ** 61n}`);
      maybe('d', (Math.floor(random() * 1e6) - 5e5) / 64);
      maybe('s', `${WORDS[n % WORDS.length]} ${n}`);
      maybe('f', random() < 0.5);
      const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 15000) * 86400000);
      maybe('dt', day.toISOString().slice(0, 10));
      const ms = Date.UTC(2000, 0, 1) + Math.floor(random() * 7e11);
      maybe('ts', new Date(ms).toISOString());
      const len = Math.floor(random() * 4);
      maybe('arr', Array.from({ length: len }, (_, k) => ((k + n) % 5 === 0 ? null : k * n)));
      maybe('st', { y: `y${n}`, x: n % 9 === 0 ? null : n });
      if (n % 50 === 7) o.extra = { ignored: [1, 2] };
      // b as exact text: JSON.stringify would make it a string.
      lines.push(JSON.stringify(o).replace(/"b":"(-?\d+)"/, '"b":$1'));
    }
    // CRLF line ends and a blank line in one file.
    const text = f === 1 ? `${lines.join('\r\n')}\r\n\r\n` : `${lines.join('\n')}\n`;
    writeFileSync(path.join(dir, `part-${f}.json`), text);
  }
}

function sluiceJsonRows(args) {
  const r = sluice(['sql', ...UTC, '--format', 'json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

function sortRows(rows) {
  const key = (r) => JSON.stringify(Object.keys(r).sort().map((k) => r[k]));
  return rows.map((r) => ({ ...r })).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

test('JSON-lines files read by Sluice and by DuckDB give the same rows', async (t) => {
  const dir = tempDir(t);
  const data = path.join(dir, 'data');
  generate(data, 3);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run("SET TimeZone = 'UTC'");
  const duck = async (glob) => (await con.runAndReadAll(`${DUCK_ROWS} FROM read_json('${glob}',
    format = 'newline_delimited', columns = ${DUCK_COLUMNS}, timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ')`)).getRowObjectsJS();
  const expected = sortRows(await duck(path.join(data, '*.json')));
  assert.equal(expected.length, 3 * ROWS_PER_FILE);

  // A folder, read_files with a schema; a glob through a view with column types.
  const viaReadFiles = sluiceJsonRows(['-e',
    `${SLUICE_ROWS} FROM read_files('${data}', format => 'json', schema => '${SCHEMA}')`]);
  assert.deepEqual(sortRows(viaReadFiles), expected);
  const viaView = sluiceJsonRows(['-e', `CREATE TEMPORARY VIEW v (${SCHEMA}) USING json
    OPTIONS (path '${path.join(data, 'part-*.json')}'); ${SLUICE_ROWS} FROM v`]);
  assert.deepEqual(sortRows(viaView), expected);

  // A table Sluice writes USING json (partitioned) reads back in DuckDB as its source rows.
  const wh = path.join(dir, 'wh');
  const write = sluice(['sql', ...UTC, '--warehouse', wh, '-e',
    `CREATE TABLE w USING json PARTITIONED BY (f) AS
       SELECT i, b, d, s, dt, ts, arr, st, f FROM read_files('${data}', format => 'json', schema => '${SCHEMA}')`]);
  assert.equal(write.code, 0, write.stderr);
  const parts = readdirSync(path.join(wh, 'w')).filter((d) => d.startsWith('f='));
  assert.deepEqual(parts.sort(), ['f=__HIVE_DEFAULT_PARTITION__', 'f=false', 'f=true']);
  const written = await (await con.runAndReadAll(`${DUCK_ROWS.replace('f::VARCHAR AS f',
    "CASE WHEN filename LIKE '%f=true%' THEN 'true' WHEN filename LIKE '%f=false%' THEN 'false' END AS f")}
    FROM read_json('${path.join(wh, 'w', '*', '*.json')}', format = 'newline_delimited',
      columns = ${DUCK_COLUMNS.replace("f: 'BOOLEAN',", '')}, filename = true,
      timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ')`)).getRowObjectsJS();
  assert.deepEqual(sortRows(written), expected);
  // NULL fields (nested ones too) are left out of the lines, as Spark writes them; NULL
  // array elements stay.
  const someFile = readdirSync(path.join(wh, 'w', 'f=true')).find((n) => n.endsWith('.json'));
  const text = readFileSync(path.join(wh, 'w', 'f=true', someFile), 'utf8');
  assert.ok(!text.includes('":null'));
  assert.ok(text.includes('null,') || text.includes(',null]'));
});

test('inferred schemas follow Spark JsonInferSchema rules', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'x.jsonl');
  writeFileSync(file, [
    '{"zeta": 1, "Alpha": "x", "num": 1, "arr": [1, 2], "obj": {"b": 1, "a": null}}',
    '{"num": 2.5, "arr": [1.5], "obj": {"b": "s"}, "flag": true, "ts": "2024-01-01T00:00:00"}',
    '{"arr": [], "nul": null, "big": 12345678901234567890, "mixed": [1, "a"]}',
    '',
  ].join('\n'));
  const r = sluice(['sql', '--format', 'tsv', '-e', `DESCRIBE SELECT * FROM json.\`${file}\``]);
  assert.equal(r.code, 0, r.stderr);
  // (Spelled as catalogString, whatever spaces DESCRIBE puts in nested types.)
  const schema = r.stdout.split('\n').filter((l) => l).map((l) => l.split('\t').slice(0, 2)
    .map((v) => v.trim().replace(/([:,]) /g, '$1')).join(' '));
  // Fields sorted by name (upper case first, as Java compares strings); long+double ->
  // double; anything+string -> string; null and [] -> string; timestamps stay strings
  // (inferTimestamp=false); a number past BIGINT -> decimal(20,0).
  assert.deepEqual(schema, [
    'Alpha string', 'arr array<double>', 'big decimal(20,0)', 'flag boolean',
    'mixed array<string>', 'nul string', 'num double', 'obj struct<a:string,b:string>',
    'ts string', 'zeta bigint',
  ]);
});

test('malformed lines: modes, corrupt record column and rejects', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, '{"a": 1}\n{"a": 2, oops}\n{"a": "x"}\n{"a": 4}\n');
  const read = (mode, extra = '') => sluice(['sql', '--format', 'tsv', '--rejects', dir, '-e',
    `SELECT * FROM read_files('${file}', format => 'json', mode => '${mode}',
       schema => 'a INT${extra}')`]);
  let r = read('PERMISSIVE', ', _corrupt_record STRING');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '1\tNULL\nNULL\t{"a": 2, oops}\nNULL\t{"a": "x"}\n4\tNULL\n');
  const rejects = readFileSync(path.join(dir, 'rejects.csv'), 'utf8');
  assert.match(rejects, /bad\.json,2,9,,/);
  assert.match(rejects, /bad\.json,3,24,a,/);
  r = read('DROPMALFORMED');
  assert.equal(r.stdout, '1\n4\n');
  r = read('FAILFAST');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /bad\.json:2/);
});

test('INSERT OVERWRITE DIRECTORY USING json and json.`path` over the result', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out');
  const r = sluice(['sql', ...UTC, '--format', 'tsv', '--warehouse', path.join(dir, 'wh'), '-e',
    `INSERT OVERWRITE DIRECTORY '${out}' USING json
       SELECT id, CASE WHEN id % 3 = 0 THEN NULL ELSE concat('v', id) END AS s,
              array(id, id + 1) AS a FROM range(5) t(id);
     SELECT id, s, a[1] FROM json.\`${out}\` ORDER BY id`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '0\tNULL\t1\n1\tv1\t2\n2\tv2\t3\n3\tNULL\t4\n4\tv4\t5\n');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const rows = (await con.runAndReadAll(`SELECT id, s, a[2] FROM read_json('${out}/*.json',
    format = 'newline_delimited', columns = {id: 'BIGINT', s: 'VARCHAR', a: 'BIGINT[]'})
    ORDER BY id`)).getRowsJS();
  assert.deepEqual(rows, [[0n, null, 1n], [1n, 'v1', 2n], [2n, 'v2', 3n], [3n, null, 4n],
    [4n, 'v4', 5n]]);
});
