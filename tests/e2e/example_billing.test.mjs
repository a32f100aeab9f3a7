// The billing example (examples/billing): five days land and are loaded with the schema
// enforced (each file's malformed rows are rejected with file, line and reason, and
// counted); a sixth day lands later and run.sh loads only it. The insights are computed
// again by DuckDB from the landed files (rows that do not fit the schema skipped) and
// compared row by row.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, sluice, sluiceBin, tempDir } from './helpers.mjs';

const runSh = path.join(projectRoot, 'examples/billing/run.sh');

function csvRows(dir) {
  const part = readdirSync(dir).find((f) => f.endsWith('.csv'));
  return readFileSync(path.join(dir, part), 'utf8').split('\n').filter((l) => l.length > 0);
}

// DuckDB's text for a value as Sluice's CSV writes it.
function text(v) {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

test('examples/billing/run.sh: schema enforced, new days only, insights as DuckDB computes them', async (t) => {
  const dir = tempDir(t);
  const generated = path.join(dir, 'generated');
  const landing = path.join(dir, 'landing');
  const out = path.join(dir, 'out');
  const g = sluice(['generate', 'billing', '--days', '6', '--rows-per-day', '400', '--bad-rows', '2',
    generated]);
  assert.equal(g.code, 0, g.stderr);
  const days = [1, 2, 3, 4, 5, 6].map((d) => `year=2024/month=01/day=0${d}`);
  for (const d of days.slice(0, 5)) cpSync(path.join(generated, d), path.join(landing, d), { recursive: true });
  // A row whose day disagrees with its folder's.
  appendFileSync(path.join(landing, days[2], 'billing.csv'),
    '2024-01-03 10:00:00,vm-0000,10001,-1.5,de-fra1,pro,read,true,vm,INV-1,EUR,2024,1,7\n');
  const env = { ...process.env, SLUICE: sluiceBin };
  const first = spawnSync(runSh, [landing, out], { encoding: 'utf8', env });
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /loaded 5 new days/);
  assert.equal((first.stderr.match(/2 rows rejected while reading/g) ?? []).length, 4);
  assert.equal((first.stderr.match(/3 rows rejected while reading/g) ?? []).length, 1);
  const rejects = readFileSync(path.join(out, 'rejects/2024-1-3/rejects.csv'), 'utf8').split('\n');
  assert.equal(rejects[0], 'file,line,byte_offset,column,reason,raw');
  assert.match(rejects[1], /day=03\/billing\.csv,\d+,\d+,\w+,cannot parse/);
  assert.match(rejects[3], /day=03\/billing\.csv,402,\d+,day,the file's value differs from the folder's day=03,/);

  cpSync(path.join(generated, days[5]), path.join(landing, days[5]), { recursive: true });
  const second = spawnSync(runSh, [landing, out], { encoding: 'utf8', env });
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /loaded 1 new days/);

  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`SET TimeZone = 'UTC'`);
  await c.run(`CREATE TABLE b AS SELECT * FROM read_csv('${landing}/*/*/*/billing.csv', header = true,
    hive_partitioning = false, ignore_errors = true, columns = {'timestamp': 'TIMESTAMP',
    'resource_id': 'VARCHAR', 'user_id': 'INTEGER', 'credit_usage': 'DOUBLE', 'region': 'VARCHAR',
    'service_tier': 'VARCHAR', 'operation_type': 'VARCHAR', 'success': 'BOOLEAN',
    'resource_type': 'VARCHAR', 'invoice_id': 'VARCHAR', 'currency': 'VARCHAR', 'year': 'INTEGER',
    'month': 'INTEGER', 'day': 'INTEGER'}, filename = true)
    WHERE filename LIKE '%day=' || lpad(day::VARCHAR, 2, '0') || '/%'`);
  const loaded = (await c.runAndReadAll('SELECT count(*)::INT FROM b')).getRowsJS()[0][0];
  assert.equal(loaded, 6 * 400 - 6 * 2);

  const hourly = (await c.runAndReadAll(`
    SELECT date_trunc('hour', timestamp) AS hour, region, service_tier, operation_type, resource_type,
      round(sum(-credit_usage * CASE currency WHEN 'EUR' THEN 1.0 WHEN 'USD' THEN 0.901726
        WHEN 'JPY' THEN 0.006073 END), 6) AS spend_eur,
      round(sum(-credit_usage), 6), count(*) FILTER (WHERE success), count(*),
      count(DISTINCT user_id), count(DISTINCT resource_id)
    FROM b GROUP BY ALL
    ORDER BY hour NULLS FIRST, region NULLS FIRST, service_tier NULLS FIRST,
      operation_type NULLS FIRST, resource_type NULLS FIRST`)).getRowsJS();
  const actual = csvRows(path.join(out, 'hourly_spend'));
  assert.equal(actual.length - 1, hourly.length);
  hourly.forEach((e, i) => {
    const a = actual[i + 1].split(',');
    assert.deepEqual(a.slice(0, 5), e.slice(0, 5).map(text), `row ${i}`);
    for (const k of [5, 6]) {
      assert.ok(e[k] === null ? a[k] === '' : Math.abs(Number(a[k]) - e[k]) < 1e-5, `row ${i} col ${k}`);
    }
    assert.deepEqual(a.slice(7).map(Number), e.slice(7).map(Number), `row ${i}`);
  });

  // The tier history: a row per run of one tier, from its first operation to the next run's.
  const history = (await c.runAndReadAll(`
    WITH m AS (SELECT user_id, service_tier, timestamp,
        row_number() OVER w AS n, lag(service_tier) OVER w AS before
        FROM b WINDOW w AS (PARTITION BY user_id ORDER BY timestamp NULLS FIRST,
          resource_id NULLS FIRST, service_tier NULLS FIRST)),
      r AS (SELECT user_id, service_tier, timestamp AS valid_from FROM m
        WHERE n = 1 OR before IS DISTINCT FROM service_tier)
    SELECT user_id, service_tier, valid_from,
      lead(valid_from) OVER (PARTITION BY user_id ORDER BY valid_from NULLS FIRST,
        service_tier NULLS FIRST) AS valid_to
    FROM r ORDER BY user_id NULLS FIRST, valid_from NULLS FIRST, service_tier NULLS FIRST`)).getRowsJS();
  const tiers = csvRows(path.join(out, 'user_tier_history'));
  assert.equal(tiers[0], 'user_id,service_tier,valid_from,valid_to,is_current');
  assert.equal(tiers.length - 1, history.length);
  history.forEach((e, i) => {
    assert.equal(tiers[i + 1], [...e.map(text), String(e[3] === null)].join(','), `row ${i}`);
  });
});
