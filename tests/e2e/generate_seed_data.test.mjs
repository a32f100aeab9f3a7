// `sluice generate billing` and `sluice generate credit`: the layout, row counts, value sets
// and partition values of the generated data, read by hand (CSV) and by DuckDB (Parquet), and
// determinism (two runs give identical bytes).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluice, tempDir } from './helpers.mjs';

// Every file under dir, as relative paths, sorted.
function filesUnder(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]).sort();
}
function assertSameBytes(a, b) {
  const files = filesUnder(a);
  assert.deepEqual(filesUnder(b), files);
  for (const f of files) assert.ok(readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))), f);
}

test('generate billing writes a CSV a day in year=/month=/day= folders, deterministically', (t) => {
  const dir = tempDir(t);
  const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
  const options = ['--days', '40', '--rows-per-day', '500', '--start', '2024-02-15'];
  assert.equal(sluice(['generate', 'billing', a, ...options]).code, 0);
  assert.equal(sluice(['generate', 'billing', b, ...options]).code, 0);
  assertSameBytes(a, b);
  const files = filesUnder(a);
  assert.equal(files.length, 40);
  assert.equal(files[0], 'year=2024/month=02/day=15/billing.csv');
  assert.equal(files[39], 'year=2024/month=03/day=25/billing.csv');  // 2024 is a leap year
  const users = new Map();
  for (const f of files) {
    const [, year, month, day] = f.match(/^year=(\d+)\/month=(\d+)\/day=(\d+)\//).map(Number);
    const lines = readFileSync(path.join(a, f), 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'timestamp,resource_id,user_id,credit_usage,region,service_tier,operation_type,' +
      'success,resource_type,invoice_id,currency,year,month,day');
    assert.equal(lines.length, 501);
    for (const line of lines.slice(1)) {
      const v = line.split(',');
      assert.equal(v.length, 14, line);
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      assert.match(v[0], new RegExp(`^${date} ([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d$`));
      assert.match(v[1], /^(vm|db|container|function)-[0-9a-f]{8}$/);
      assert.match(v[2], /^\d+$/);
      assert.match(v[3], /^-?\d+\.\d\d$/);
      assert.ok(['de-fra1', 'fi-hel1', 'fi-hel2', 'jp-tok1', 'pl-waw1', 'us-chi1'].includes(v[4]), v[4]);
      assert.ok(['free', 'basic', 'pro', 'enterprise'].includes(v[5]), v[5]);
      assert.ok(['read', 'write', 'compute', 'storage'].includes(v[6]), v[6]);
      assert.ok(['true', 'false'].includes(v[7]), v[7]);
      assert.equal(v[1].split('-')[0], v[8]);
      assert.match(v[9], /^INV-\d{6}-\d+$/);
      assert.ok(['EUR', 'USD', 'JPY'].includes(v[10]), v[10]);
      assert.deepEqual(v.slice(11).map(Number), [year, month, day]);
      users.set(v[2], (users.get(v[2]) ?? 0) + 1);
    }
  }
  // About 1,000 customers, skewed: the busiest tenth of them has most of the rows.
  assert.ok(users.size > 500 && users.size <= 1000, `${users.size} customers`);
  const counts = [...users.values()].sort((x, y) => y - x);
  assert.ok(counts.slice(0, 100).reduce((s, n) => s + n, 0) > 0.4 * 20000);
});

test('generate billing --bad-rows puts that many malformed rows in each file', (t) => {
  const dir = tempDir(t);
  assert.equal(sluice(['generate', 'billing', dir, '--days', '2', '--rows-per-day', '100', '--bad-rows', '4']).code, 0);
  for (const f of filesUnder(dir)) {
    const lines = readFileSync(path.join(dir, f), 'utf8').trimEnd().split('\n').slice(1);
    assert.equal(lines.length, 100);
    const bad = lines.filter((l) => / 25:/.test(l.split(',')[0]) || !/^\d+$/.test(l.split(',')[2]));
    assert.equal(bad.length, 4, f);
  }
});

test('generate credit writes a snapshot a day, CSV or Parquet, deterministically', async (t) => {
  const dir = tempDir(t);
  const options = ['--days', '70', '--credits', '200', '--start', '2021-01-01', '--skip-days', '2021-01-31,2021-02-02'];
  for (const name of ['a', 'b']) {
    assert.equal(sluice(['generate', 'credit', path.join(dir, name), ...options]).code, 0);
    assert.equal(sluice(['generate', 'credit', path.join(dir, `${name}.parquet`), ...options, '--format', 'parquet']).code, 0);
  }
  assertSameBytes(path.join(dir, 'a'), path.join(dir, 'b'));
  assertSameBytes(path.join(dir, 'a.parquet'), path.join(dir, 'b.parquet'));
  const files = filesUnder(path.join(dir, 'a'));
  assert.equal(files.length, 68);
  assert.equal(files[0], 'record_date=2021-01-01/part-0.csv');
  assert.ok(!files.includes('record_date=2021-01-31/part-0.csv'));
  // Read by hand: every credit of the day once, record_date as the folder's, ids growing to 200.
  const byHand = [];
  for (const f of files) {
    const date = f.slice('record_date='.length, 'record_date='.length + 10);
    const lines = readFileSync(path.join(dir, 'a', f), 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'id,record_date,dim1,dim2,dim3');
    const ids = new Set();
    for (const line of lines.slice(1)) {
      const [id, recordDate, ...dims] = line.split(',');
      assert.match(id, /^CR\d{8}$/);
      assert.equal(recordDate, date);
      assert.ok(dims.every((d) => /^\d+$/.test(d)), line);
      ids.add(id);
      byHand.push(line);
    }
    assert.equal(ids.size, lines.length - 1);
  }
  const firstDay = readFileSync(path.join(dir, 'a', files[0]), 'utf8').trimEnd().split('\n').length - 1;
  const lastDay = readFileSync(path.join(dir, 'a', files.at(-1)), 'utf8').trimEnd().split('\n').length - 1;
  assert.ok(firstDay >= 100 && firstDay < 110, `${firstDay} credits on the first day`);
  assert.equal(lastDay, 200);
  // Slowly changing: most credits keep their dims from one day to the next.
  const day = (i) => new Map(readFileSync(path.join(dir, 'a', files[i]), 'utf8').trimEnd().split('\n').slice(1)
    .map((l) => [l.split(',')[0], l.split(',').slice(2).join(',')]));
  const [d10, d11] = [day(10), day(11)];
  const same = [...d10].filter(([id, dims]) => d11.get(id) === dims).length;
  assert.ok(same > 0.8 * d10.size && same < d10.size, `${same} of ${d10.size} unchanged`);
  // The Parquet form holds the same rows, and its record_date column agrees with the folders.
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = (await con.runAndReadAll(`SELECT id, CAST(record_date AS VARCHAR), dim1, dim2, dim3,
      parse_path(filename)[-2] = 'record_date=' || CAST(record_date AS VARCHAR)
    FROM read_parquet('${path.join(dir, 'a.parquet')}/*/*.parquet', filename = true, hive_partitioning = false)`)).getRowsJson();
  assert.ok(rows.every((r) => r[5] === true));
  assert.deepEqual(rows.map((r) => r.slice(0, 5).join(',')).sort(), byHand.sort());
  const types = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path.join(dir, 'a.parquet')}/*/*.parquet', hive_partitioning = false)`))
    .getRowsJson().map((r) => `${r[0]} ${r[1]}`);
  assert.deepEqual(types, ['id VARCHAR', 'record_date DATE', 'dim1 INTEGER', 'dim2 INTEGER', 'dim3 INTEGER']);
});

test('generate rejects a bad date', (t) => {
  const dir = tempDir(t);
  const r = sluice(['generate', 'credit', dir, '--skip-days', '2021-02-30x']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--skip-days: expected a date yyyy-MM-dd, got '2021-02-30x'/);
});
