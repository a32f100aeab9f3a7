// Hive-partitioned output, save modes, and atomicity of `sluice convert`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { sluiceBin, sluice, tempDir } from './helpers.mjs';

function billingCsv(file, days, rowsPerDay) {
  let text = 'timestamp,user_id,credit_usage,region,year,month,day\n';
  for (const day of days) {
    for (let i = 0; i < rowsPerDay; i++) {
      const region = i % 4 === 0 ? '' : ['de-fra1', 'fi-hel1', 'us/chi1'][i % 3];  // '' is NULL; '/' needs escaping
      text += `2024-01-${String(day).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00,${i},${-i / 10},${region},2024,1,${day}\n`;
    }
  }
  writeFileSync(file, text);
}

const SCHEMA = 'timestamp TIMESTAMP, user_id INT, credit_usage DOUBLE, region STRING, year INT, month INT, day INT';

async function query(sql) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRowObjectsJson();
}

test('partitionBy writes Spark-style folders that DuckDB and Sluice read back', async (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'in.csv');
  billingCsv(csv, [5, 6], 100);
  const out = path.join(dir, 'billing');
  const r = sluice(['convert', csv, out, '-o', 'header=true', '--schema', SCHEMA, '--partition-by', 'year,month,day,region',
    '--conf', 'spark.sql.session.timeZone=UTC']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(out, '_SUCCESS')));
  assert.deepEqual(readdirSync(path.join(out, 'year=2024/month=1')).sort(), ['day=5', 'day=6']);
  assert.deepEqual(readdirSync(path.join(out, 'year=2024/month=1/day=5')).sort(),
    ['region=__HIVE_DEFAULT_PARTITION__', 'region=de-fra1', 'region=fi-hel1', 'region=us%2Fchi1']);
  // Partition columns live in the folders, not in the data files.
  const [meta] = await query(`SELECT count(*) AS n FROM parquet_schema('${out}/year=2024/month=1/day=5/region=de-fra1/*.parquet') WHERE name = 'day'`);
  assert.equal(meta.n, '0');
  const [duck] = await query(`SELECT count(*) AS n, count(region) AS regions, sum(user_id) AS s FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true)`);
  assert.deepEqual(duck, { n: '200', regions: '150', s: String(2 * 4950) });
  const back = sluice(['schema', out]);
  assert.equal(back.stdout.trim(), 'timestamp TIMESTAMP, user_id INT, credit_usage DOUBLE, year INT, month INT, day INT, region STRING');
  const rows = sluice(['cat', out, '--format', 'json', '--limit', '-1']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 200);
  assert.equal(rows.filter((x) => x.region === 'us/chi1').length, 50);
  assert.equal(rows.filter((x) => x.region === null).length, 50);
});

test('overwrite replaces only the partitions written (dynamic), unless static', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'billing');
  const days56 = path.join(dir, 'd56.csv');
  const day6 = path.join(dir, 'd6.csv');
  billingCsv(days56, [5, 6], 10);
  billingCsv(day6, [6], 3);
  const base = ['-o', 'header=true', '--schema', SCHEMA, '--partition-by', 'year,month,day'];
  assert.equal(sluice(['convert', days56, out, ...base]).code, 0);
  const refused = sluice(['convert', day6, out, ...base]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /already exists/);
  assert.equal(sluice(['convert', day6, out, ...base, '--mode', 'overwrite']).code, 0);
  let counts = await query(`SELECT day, count(*) AS n FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) GROUP BY day ORDER BY day`);
  assert.deepEqual(counts, [{ day: '5', n: '10' }, { day: '6', n: '3' }]);  // day 5 kept
  assert.equal(sluice(['convert', day6, out, ...base, '--mode', 'append']).code, 0);
  counts = await query(`SELECT day, count(*) AS n FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) GROUP BY day ORDER BY day`);
  assert.deepEqual(counts, [{ day: '5', n: '10' }, { day: '6', n: '6' }]);
  assert.equal(sluice(['convert', day6, out, ...base, '--mode', 'ignore']).code, 0);
  assert.equal(sluice(['convert', day6, out, ...base, '--mode', 'overwrite', '--partition-overwrite-mode', 'static']).code, 0);
  counts = await query(`SELECT day, count(*) AS n FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) GROUP BY day ORDER BY day`);
  assert.deepEqual(counts, [{ day: '6', n: '3' }]);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), []);  // no staging or trash left
});

test('a convert killed at any moment leaves the target untouched or complete', async (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'big.csv');
  assert.equal(sluice(['generate', 'flyer', csv, '--rows', '400000']).code, 0);
  const small = path.join(dir, 'small.csv');
  assert.equal(sluice(['generate', 'flyer', small, '--rows', '100']).code, 0);
  const schema = 'timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT';
  for (let attempt = 0; attempt < 8; attempt++) {
    const out = path.join(dir, `out${attempt}`);
    const child = spawn(sluiceBin, ['convert', csv, out, '-o', 'header=true', '--schema', schema]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 20 + attempt * 60));
    child.kill('SIGKILL');
    await exited;
    if (existsSync(out)) {
      const [row] = await query(`SELECT count(*) AS n FROM read_parquet('${out}/*.parquet')`);
      assert.equal(row.n, '400000', `attempt ${attempt}: a partial target`);
      assert.ok(existsSync(path.join(out, '_SUCCESS')));
    }
    // The next write to the target clears what the dead job left beside it.
    const again = sluice(['convert', small, out, '-o', 'header=true', '--schema', schema, '--mode', 'overwrite']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith(`.out${attempt}.`)), [], `attempt ${attempt}`);
  }
});

test('OUT names its file type in any case, and --partition-by follows spark.sql.caseSensitive', async (t) => {
  const dir = tempDir(t);
  const csv = path.join(dir, 'in.csv');
  writeFileSync(csv, 'day,v\n5,x\n6,y\n5,z\n');
  // One gzip-compressed CSV file, not a folder named OUT.CSV.GZ, nor plain text.
  const gz = path.join(dir, 'OUT.CSV.GZ');
  const r = sluice(['convert', csv, gz, '-o', 'header=true', '--schema', 'day INT, v STRING']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(statSync(gz).isFile());
  assert.equal(gunzipSync(readFileSync(gz)).toString(), 'day,v\n5,x\n6,y\n5,z\n');
  const parquet = path.join(dir, 'OUT.PARQUET');
  assert.equal(sluice(['convert', csv, parquet, '-o', 'header=true', '--schema', 'day INT, v STRING']).code, 0);
  assert.deepEqual(await query(`SELECT day, v FROM read_parquet('${parquet}')`),
    [{ day: 5, v: 'x' }, { day: 6, v: 'y' }, { day: 5, v: 'z' }]);

  const args = ['-o', 'header=true', '--schema', 'day INT, v STRING', '--partition-by', 'DAY'];
  const exact = sluice(['convert', csv, path.join(dir, 'exact'), ...args, '--conf', 'spark.sql.caseSensitive=true']);
  assert.equal(exact.code, 2);
  assert.match(exact.stderr, /partition column 'DAY' is not in the schema \(day INT, v STRING\)/);
  assert.ok(!existsSync(path.join(dir, 'exact')));
  const loose = path.join(dir, 'loose');
  assert.equal(sluice(['convert', csv, loose, ...args]).code, 0);
  assert.deepEqual(readdirSync(loose).sort(), ['_SUCCESS', 'day=5', 'day=6']);
});
