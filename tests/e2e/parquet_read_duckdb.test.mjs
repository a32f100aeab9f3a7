// Interop: Parquet files that DuckDB writes (every flat type, nulls, each codec, data
// pages v1 and v2 with their encodings) read in Sluice with the values DuckDB reads.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { exactTimestamps, microsOf, parseExact, sluice, tempDir } from './helpers.mjs';

// name, SQL expression (over i = range), canonical SQL text of the value for comparison.
const COLUMNS = [
  ['b', 'i % 3 = 0', 'b::VARCHAR'],
  ['ti', '(i % 256 - 128)::TINYINT', 'ti::VARCHAR'],
  ['si', '(i * 7 % 65536 - 32768)::SMALLINT', 'si::VARCHAR'],
  ['i32', '(i * 2654435761 % 4294967296 - 2147483648)::INTEGER', 'i32::VARCHAR'],
  ['i64', '(i * 11400714819323198485 % 18446744073709551616 - 9223372036854775808)::HUGEINT::BIGINT', 'i64::VARCHAR'],
  ['f', '(i * 0.37 - 500)::FLOAT', 'f'],
  ['d', 'CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1.000001 - 1e6 END::DOUBLE', 'd'],
  ['dec9', '(i * 1.23 - 1000)::DECIMAL(9,2)', 'dec9::VARCHAR'],
  ['dec18', '(i * 123456.789 - 1e9)::DECIMAL(18,3)', 'dec18::VARCHAR'],
  ['dec38', '(i::HUGEINT * 1234567890123456789 - 10)::DECIMAL(38,4)', 'dec38::VARCHAR'],
  ['dt', 'DATE \'1970-01-01\' + (i * 37 % 100000 - 50000)::INTEGER', 'dt::VARCHAR'],
  ['ts', 'TIMESTAMPTZ \'2000-01-01 00:00:00+00\' + to_microseconds(i * 123456789)', 'epoch_us(ts)::VARCHAR'],
  ['ntz', 'TIMESTAMP \'2000-01-01\' + to_microseconds(i * 987654321)', 'epoch_us(ntz)::VARCHAR'],
  ['s', 'CASE WHEN i % 11 = 0 THEN NULL WHEN i % 5 = 0 THEN \'\' ELSE \'v\' || (i % 1000) || repeat(\'x\', i % 20) END', 's'],
  ['blob', '(\'\\x00\\xFF\' || i::VARCHAR)::BLOB', 'hex(blob)'],
];

const CASES = [];
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw']) CASES.push([codec, 'v1']);
CASES.push(['snappy', 'v2'], ['zstd', 'v2']);

for (const [codec, version] of CASES) {
  test(`DuckDB-written Parquet (${codec}, ${version}) reads the same in Sluice`, async (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, `all_${codec}_${version}.parquet`);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const select = COLUMNS.map(([name, expr]) => `CASE WHEN i % 13 = 1 THEN NULL ELSE ${expr} END AS ${name}`).join(', ');
    await con.run(`COPY (SELECT ${select} FROM (SELECT range AS i FROM range(30000))) TO '${file}'
      (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 8192, PARQUET_VERSION ${version})`);
    const canonical = COLUMNS.map(([name, , c]) => c.replaceAll(/\b(b|ti|si|i32|i64|f|d|dec9|dec18|dec38|dt|ts|ntz|s|blob)\b/g, (m) => `"${m}"`)).join(', ');
    const theirs = (await con.runAndReadAll(`SELECT ${canonical} FROM read_parquet('${file}')`)).getRowsJson();

    const r = sluice(['cat', file, '--format', 'json', '--limit', '-1', '--conf', 'spark.sql.session.timeZone=UTC',
      ...exactTimestamps]);
    assert.equal(r.code, 0, r.stderr);
    const ours = r.stdout.trim().split('\n').map(parseExact);
    assert.equal(ours.length, theirs.length);
    for (let i = 0; i < theirs.length; i++) {
      COLUMNS.forEach(([name], c) => {
        let a = ours[i][name];
        const b = theirs[i][c];
        const where = `row ${i}, column ${name}`;
        if (a === null || b === null) return assert.equal(a, b, where);
        if (name === 'ts' || name === 'ntz') a = microsOf(a);
        if (name === 'f') return assert.equal(Math.fround(Number(a)), Math.fround(Number(b)), where);
        if (name === 'd') return assert.equal(Number(a), Number(b), where);
        if (name === 'blob') a = Buffer.from(a, 'base64').toString('hex').toUpperCase();  // to_json's base64
        assert.equal(String(a), String(b), where);
      });
    }
  });
}
