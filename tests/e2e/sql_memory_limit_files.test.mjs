// File-reading jobs under --memory-limit: a few hundred Hive-partitioned daily CSV files (as
// the billing seed job reads), together several times the limit, aggregated into a Parquet
// --output and rewritten as a Parquet table partitioned by day; and a Parquet file whose
// column chunks are each larger than the limit (as the flyer jobs read). The rows match
// DuckDB's over the same files, and the process's peak resident memory stays under the limit
// plus the documented slack: the readers hold the files they are reading, not all of them,
// and of a column chunk the pages being decoded, not the whole chunk.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { duck, measured, tempDir } from './helpers.mjs';

const SANITIZED = process.env.SLUICE_SANITIZED === '1';
const DAYS = SANITIZED ? 60 : 300;
const ROWS_PER_DAY = 4500;  // about 270 KB a file: 80 MB in all, five times the limit
const LIMIT_MB = 16;
// README "Memory": the binary and its libraries, thread stacks, batches in flight, the
// files being read, allocator slack.
const SLACK_MB = 48;
const SCHEMA = 'timestamp TIMESTAMP, resource_id STRING, user_id INT, credit_usage DOUBLE, '
  + 'region STRING, year INT, month INT, day INT';

// year=/month=/day= folders of one billing.csv each. Amounts are quarters, so sums and
// averages are exact in any order of addition.
function writeDays(root) {
  const regions = ['de-fra1', 'fi-hel1', 'us-chi1', 'nl-ams1'];
  for (let d = 0; d < DAYS; d++) {
    const date = new Date(Date.UTC(2024, 0, 1 + d));
    const [y, m, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const dir = path.join(root, `year=${y}`, `month=${String(m).padStart(2, '0')}`,
      `day=${String(day).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    const stamp = date.toISOString().slice(0, 10);
    const lines = ['timestamp,resource_id,user_id,credit_usage,region'];
    for (let i = 0; i < ROWS_PER_DAY; i++) {
      // Resource ids longer than 12 bytes: string values that point into the bytes read.
      lines.push(`${stamp} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,`
        + `resource-${String((i * 7919 + d) % 100000).padStart(6, '0')},${(d * 7919 + i * 31) % 5000},`
        + `${((d + i) % 400) / 4},${regions[(i + d) % 4]}`);
    }
    writeFileSync(path.join(dir, 'billing.csv'), `${lines.join('\n')}\n`);
  }
}

const sluiceFiles = (root) => `read_files('${root}', format => 'csv', header => true, schema => '${SCHEMA}')`;
const duckFiles = (root) => `read_csv('${root}/*/*/*/billing.csv', header = true, hive_partitioning = true,
  columns = {'timestamp': 'TIMESTAMP', 'resource_id': 'VARCHAR', 'user_id': 'INTEGER',
  'credit_usage': 'DOUBLE', 'region': 'VARCHAR'}, hive_types = {'year': 'INTEGER', 'month': 'INTEGER', 'day': 'INTEGER'})`;

test('an aggregate over hundreds of CSV files, written as Parquet, stays within the limit', async (t) => {
  const dir = tempDir(t);
  const root = path.join(dir, 'billing');
  writeDays(root);
  const out = path.join(dir, 'result.parquet');
  const aggregate = (from) => `SELECT user_id, year, month, sum(credit_usage) AS total,
    avg(credit_usage) AS average, count(*) AS n FROM ${from}
    GROUP BY user_id, year, month`;
  const r = measured(['sql', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', path.join(dir, 'spill'),
    '--conf', 'spark.sql.session.timeZone=UTC', '--output', out, '-e', aggregate(sluiceFiles(root))]);
  assert.equal(r.code, 0, r.stderr);
  const order = 'ORDER BY user_id, year, month';
  const actual = await duck(`SELECT * FROM read_parquet('${out}') ${order}`);
  const expected = await duck(`${aggregate(duckFiles(root))} ${order}`);
  assert.ok(expected.length > (SANITIZED ? 1000 : 10000), `${expected.length} groups`);
  assert.equal(actual.length, expected.length);
  assert.deepEqual(actual, expected);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak.toFixed(1)} MiB`);
});

test('a rewrite of hundreds of CSV files partitioned by day stays within the limit', async (t) => {
  const dir = tempDir(t);
  const root = path.join(dir, 'billing');
  writeDays(root);
  const table = path.join(dir, 'by_day');
  const r = measured(['sql', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', path.join(dir, 'spill'),
    '--conf', 'spark.sql.session.timeZone=UTC', '--warehouse', path.join(dir, 'warehouse'), '-e',
    `CREATE TABLE by_day USING parquet PARTITIONED BY (year, month, day) LOCATION '${table}' AS
     SELECT timestamp, resource_id, user_id, credit_usage, region, year, month, day FROM ${sluiceFiles(root)}`]);
  assert.equal(r.code, 0, r.stderr);
  // Every row, in its day's folder: per day the count and sums of each column.
  const perDay = (from) => `SELECT year, month, day, count(*), sum(user_id), sum(credit_usage),
    count(DISTINCT resource_id), min(epoch_us(timestamp)), max(epoch_us(timestamp)),
    count(DISTINCT region)
    FROM ${from} GROUP BY ALL ORDER BY ALL`;
  const actual = await duck(perDay(`read_parquet('${table}/*/*/*/*.parquet', hive_partitioning = true,
    hive_types = {'year': 'INTEGER', 'month': 'INTEGER', 'day': 'INTEGER'})`));
  const expected = await duck(perDay(duckFiles(root)));
  assert.equal(expected.length, DAYS);
  assert.deepEqual(actual, expected);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak.toFixed(1)} MiB`);
});

test('a Parquet file whose column chunks are larger than the limit is read within it', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'wide_chunks.parquet');
  // One row group whose 64-hex-digit ids are about 65 MB of snappy pages that barely shrink,
  // in pages of 1 MiB as Sluice, parquet-mr and Arrow write them. (DuckDB writes a row
  // group's column as one page: a page is decompressed whole, so such a file needs a limit
  // above its largest page.)
  const rows = SANITIZED ? 100000 : 1000000;
  const written = measured(['sql', '--output', file, '-e',
    `SELECT id AS n, sha2(CAST(id AS STRING), 256) AS id FROM range(${rows})`]);
  assert.equal(written.code, 0, written.stderr);
  // Per prefix, the min and max id (strings held by 256 groups of each worker's table).
  const query = (from) => `SELECT substr(id, 1, 2) AS prefix, count(*) AS n, sum(n) AS total,
    min(id) AS low, max(id) AS high FROM ${from} GROUP BY prefix ORDER BY prefix`;
  const r = measured(['sql', '--memory-limit', `${LIMIT_MB}MB`, '--temp-dir', path.join(dir, 'spill'),
    '--format', 'tsv', '-e', query(`parquet.\`${file}\``)]);
  assert.equal(r.code, 0, r.stderr);
  const expected = await duck(query(`read_parquet('${file}')`));
  assert.equal(expected.length, 256);
  assert.deepEqual(r.stdout.trim().split('\n'), expected);
  if (!SANITIZED) assert.ok(r.peak < LIMIT_MB + SLACK_MB, `peak ${r.peak.toFixed(1)} MiB`);
});
