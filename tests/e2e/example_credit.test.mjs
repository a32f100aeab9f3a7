// The credit example (examples/credit): the daily job replayed over 400 days of generated
// snapshots, some missing (month ends among them), checking the table after every day
// against the rule: the latest day, plus the last available day of every earlier month;
// then every kept partition holds exactly its landing snapshot (read by DuckDB from both
// sides). The two SQL questions give the rows the project publishes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, sluice, sluiceBin, tempDir } from './helpers.mjs';

const runDay = path.join(projectRoot, 'examples/credit/run_day.sh');
// A sanitizer build runs each process several times slower: 100 days (two month ends,
// one of them missing) instead of 400.
const DAYS = process.env.SLUICE_SANITIZED === '1' ? 100 : 400;

// The partitions the rule keeps after `days` (sorted) ran.
function expectedPartitions(days) {
  const latest = days[days.length - 1];
  const lastOfMonth = new Map();
  for (const d of days) lastOfMonth.set(d.slice(0, 7), d);
  const kept = [...lastOfMonth.values()].filter((d) => d.slice(0, 7) !== latest.slice(0, 7));
  return [...kept, latest].map((d) => `record_date=${d}`);
}

test('the daily credit job keeps the latest day and each month\'s last available day', async (t) => {
  const dir = tempDir(t);
  const landing = path.join(dir, 'landing');
  const warehouse = path.join(dir, 'warehouse');
  const skipped = ['2021-02-10', '2021-03-31', '2021-06-29', '2021-06-30', '2021-09-01',
    '2021-12-31', '2022-01-01'];
  const g = sluice(['generate', 'credit', '--format', 'parquet', '--days', String(DAYS), '--credits', '20',
    '--skip-days', skipped.join(','), landing]);
  assert.equal(g.code, 0, g.stderr);
  const days = readdirSync(landing).map((d) => d.replace('record_date=', '')).sort();
  const lastDay = new Date(Date.UTC(2021, 0, DAYS)).toISOString().slice(0, 10);
  assert.equal(days.length, DAYS - skipped.filter((d) => d <= lastDay).length);

  const env = { ...process.env, SLUICE: sluiceBin };
  for (let i = 0; i < days.length; ++i) {
    const r = spawnSync(runDay, [warehouse, landing, days[i]], { encoding: 'utf8', env });
    assert.equal(r.status, 0, `${days[i]}: ${r.stderr}`);
    const show = sluice(['sql', '--warehouse', warehouse, '--format', 'tsv', '-e',
      'SHOW PARTITIONS credit_snapshots']);
    assert.equal(show.code, 0, show.stderr);
    assert.deepEqual(show.stdout.split('\n').filter((l) => l), expectedPartitions(days.slice(0, i + 1)),
      `after ${days[i]}`);
  }
  // Re-running the latest day changes nothing; a day before it is refused.
  const again = spawnSync(runDay, [warehouse, landing, days[days.length - 1]], { encoding: 'utf8', env });
  assert.equal(again.status, 0, again.stderr);
  const back = spawnSync(runDay, [warehouse, landing, days[10]], { encoding: 'utf8', env });
  assert.equal(back.status, 2);
  assert.match(back.stderr, /days run in order/);

  const kept = expectedPartitions(days).map((p) => p.replace('record_date=', ''));
  assert.ok(kept.includes('2021-03-30'));
  if (DAYS === 400) assert.ok(kept.includes('2021-06-28') && kept.includes('2021-12-30'));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const table = (await c.runAndReadAll(`SELECT id, dim1, dim2, dim3, record_date::VARCHAR
    FROM read_parquet('${warehouse}/credit_snapshots/*/*.parquet', hive_partitioning = true)
    ORDER BY ALL`)).getRowsJS();
  const source = (await c.runAndReadAll(`SELECT id, dim1, dim2, dim3, record_date::VARCHAR
    FROM read_parquet('${landing}/*/*.parquet', hive_partitioning = false)
    WHERE record_date::VARCHAR IN (${kept.map((d) => `'${d}'`).join(', ')}) ORDER BY ALL`)).getRowsJS();
  assert.ok(source.length > kept.length * 10);
  assert.deepEqual(table, source);
});

test('the two SQL questions give the published rows', () => {
  const r = sluice(['sql', '--format', 'tsv', '-f', 'examples/credit/questions.sql'],
    { cwd: projectRoot });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout,
    '17\t3\t2022-01-07\tchargeback\t10\n18\t5\t2022-01-10\tchargeback\t50\n' +
    '2019\t1\t2\t-50\n2020\t1\t1\t0\n2021\t1\t1\t0\n');
});
