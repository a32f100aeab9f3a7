// Whole-program tests of the `sluice` binary: commands, exit codes, outputs, errors.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { seedsDir, sluice, tempDir } from './helpers.mjs';

test('--version and --help on every command', () => {
  assert.match(sluice(['--version']).stdout, /^sluice \d+\.\d+\.\d+/);
  for (const cmd of [[], ['schema'], ['cat'], ['validate'], ['generate'], ['generate', 'flyer'], ['demo']]) {
    const r = sluice([...cmd, '--help']);
    assert.equal(r.code, 0, cmd.join(' '));
    assert.match(r.stdout, /Usage:/);
  }
  const none = sluice([]);
  assert.equal(none.code, 2);
});

test('demo generates a landing zone and reads it back', (t) => {
  const dir = tempDir(t);
  const r = sluice(['demo', '--dir', dir, '--rows', '30000']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /files 6, rows read 30000, rows rejected 4/);
  assert.match(r.stdout, /date \(partition\)/);
  assert.match(r.stdout, /2018-10-03\s+10000/);
  const rejects = readFileSync(path.join(dir, 'rejects/rejects.csv'), 'utf8').trim().split('\n');
  assert.equal(rejects[0], 'file,line,byte_offset,column,reason,raw');
  assert.equal(rejects.length, 5);
});

test('schema prints DDL with inferred types and partition columns', (t) => {
  const flyer = path.join(seedsDir, 'flyer/channel_dataset.csv');
  const r = sluice(['schema', flyer, '-o', 'header=true', '-o', 'inferSchema=true']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(),
    'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id STRING, merchant_id STRING');
  const dir = tempDir(t);
  mkdirSync(path.join(dir, 'year=2024/month=01'), { recursive: true });
  writeFileSync(path.join(dir, 'year=2024/month=01/a.csv'), 'x\n1\n');
  const p = sluice(['schema', dir, '-o', 'header=true', '-o', 'inferSchema=true']);
  assert.equal(p.stdout.trim(), 'x INT, year INT, month INT');
  const json = sluice(['schema', dir, '-o', 'header=true', '--json']);
  assert.equal(JSON.parse(json.stdout).fields[0].name, 'x');
});

test('cat prints a table, CSV and JSON lines in the session time zone', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'e.csv');
  writeFileSync(file, 'ts,n,s\n2018-10-01T13:56:36-04:00,1.5,"a,b"\n2018-10-01T23:30:00-04:00,,x\n');
  const schema = 'ts TIMESTAMP, n DOUBLE, s STRING';
  const base = ['cat', file, '-o', 'header=true', '--schema', schema];
  const table = sluice([...base, '--conf', 'spark.sql.session.timeZone=America/Toronto']);
  assert.equal(table.code, 0, table.stderr);
  assert.equal(table.stdout,
    '+-------------------+----+---+\n' +
    '|                 ts|   n|  s|\n' +
    '+-------------------+----+---+\n' +
    '|2018-10-01 13:56:36| 1.5|a,b|\n' +
    '|2018-10-01 23:30:00|NULL|  x|\n' +
    '+-------------------+----+---+\n');
  const utc = sluice([...base, '--format', 'json', '--conf', 'spark.sql.session.timeZone=UTC']);
  assert.deepEqual(utc.stdout.trim().split('\n').map((l) => JSON.parse(l)), [
    { ts: '2018-10-01T17:56:36.000Z', n: 1.5, s: 'a,b' },
    { ts: '2018-10-02T03:30:00.000Z', n: null, s: 'x' },
  ]);
  const csv = sluice([...base, '--format', 'csv', '--limit', '1', '--conf', 'spark.sql.session.timeZone=UTC']);
  assert.equal(csv.stdout, 'ts,n,s\n2018-10-01T17:56:36.000Z,1.5,"a,b"\n');
  const schemaFile = path.join(dir, 'schema.json');
  writeFileSync(schemaFile, JSON.stringify({ fields: [{ name: 'ts', type: 'string' }, { name: 'n', type: 'double' }, { name: 's', type: 'string' }] }));
  const fromFile = sluice(['cat', file, '-o', 'header=true', '--schema', schemaFile, '--format', 'json', '-n', '1']);
  assert.deepEqual(JSON.parse(fromFile.stdout), { ts: '2018-10-01T13:56:36-04:00', n: 1.5, s: 'a,b' });
});

test('validate counts, explains and writes rejects; exit code says if any', (t) => {
  const dir = tempDir(t);
  const good = path.join(dir, 'good.csv');
  writeFileSync(good, 'id,v\n1,a\n2,b\n');
  const ok = sluice(['validate', good, '-o', 'header=true', '--schema', 'id INT, v STRING']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /rows read\s+2\nrows rejected\s+0/);
  const bad = path.join(dir, 'bad.csv');
  writeFileSync(bad, 'id,v\n1,a\nx,b\n3\n');
  const rejectsDir = path.join(dir, 'rejects');
  const r = sluice(['validate', bad, '-o', 'header=true', '--schema', 'id INT, v STRING', '--rejects', rejectsDir]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /rows rejected\s+2/);
  assert.match(r.stdout, /unparsable value \(column id\)\s+1/);
  assert.match(r.stdout, /field count\s+1/);
  const rejects = readFileSync(path.join(rejectsDir, 'rejects.csv'), 'utf8');
  assert.equal(rejects,
    'file,line,byte_offset,column,reason,raw\n' +
    `${bad},3,9,id,cannot parse 'x' as an INT,"x,b"\n` +
    `${bad},4,13,,"expected 2 fields, found 1","3"\n`);
  const failfast = sluice(['validate', bad, '-o', 'header=true', '-o', 'mode=FAILFAST', '--schema', 'id INT, v STRING']);
  assert.equal(failfast.code, 2);
  assert.match(failfast.stderr, /bad\.csv:3 \(byte 9\), column 'id': cannot parse 'x' as an INT/);
});

test('errors are clear and exit 2', (t) => {
  const dir = tempDir(t);
  const missing = sluice(['cat', path.join(dir, 'nope.csv')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /path does not exist: '.*nope\.csv'/);
  writeFileSync(path.join(dir, 'a.csv'), '1\n');
  const badSchema = sluice(['cat', path.join(dir, 'a.csv'), '--schema', 'a INTEGR']);
  assert.equal(badSchema.code, 2);
  assert.match(badSchema.stderr, /--schema: schema DDL: expected a type name/);
  const badOption = sluice(['cat', path.join(dir, 'a.csv'), '-o', 'header']);
  assert.match(badOption.stderr, /-o expects key=value/);
  const badZone = sluice(['cat', path.join(dir, 'a.csv'), '--conf', 'spark.sql.session.timeZone=Nowhere/City']);
  assert.match(badZone.stderr, /unknown time zone 'Nowhere\/City'/);
});

test('generate writes the requested rows deterministically', (t) => {
  const dir = tempDir(t);
  const a = path.join(dir, 'a.csv');
  const b = path.join(dir, 'b.csv');
  assert.equal(sluice(['generate', 'flyer', a, '--rows', '1000']).code, 0);
  assert.equal(sluice(['generate', 'flyer', b, '--rows', '1000']).code, 0);
  const text = readFileSync(a, 'utf8');
  assert.equal(text, readFileSync(b, 'utf8'));
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 1001);
  assert.equal(lines[0], 'timestamp,user_id,event,flyer_id,merchant_id');
  assert.match(lines[1], /^2018-10-01T\d\d:\d\d:\d\d-04:00,[0-9a-f]{64},[a-z_]+,\d*,\d*$/);
});
