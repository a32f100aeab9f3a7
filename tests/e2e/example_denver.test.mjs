// The Denver open data example (examples/denver): release A is landed and ingested, then a
// later release B (a rolling window: most of A's rows again, newer ones, the oldest gone; here
// also with a row repeated and a malformed row), then B again. The tables must hold every row
// of both releases once, with the columns renamed and typed and the Latin-1 text as UTF-8:
// DuckDB reads the downloaded CSV files on its own (its own options and parsing) and the
// tables must equal what it builds, row for row. Each answer is computed again by DuckDB.
// Also `sluice generate denver` itself: the city's columns and formats, the same bytes on
// every run, and releases that agree where their windows overlap.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, sluice, sluiceBin, tempDir } from './helpers.mjs';

const runSh = path.join(projectRoot, 'examples/denver/run.sh');
// A sanitizer build runs each process several times slower: fewer rows.
const ROWS = process.env.SLUICE_SANITIZED === '1' ? 600 : 3000;

function csvRows(dir) {
  const part = readdirSync(dir).find((f) => f.endsWith('.csv'));
  return readFileSync(path.join(dir, part), 'utf8').split('\n').filter((l) => l.length > 0)
    .map((l) => l.split(','));
}

function near(actual, expected, tolerance, what) {
  if (expected === null) assert.equal(actual, '', what);
  else assert.ok(Math.abs(Number(actual) - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

// What DuckDB reads from the release's CSV files, every column as text, to be typed below.
function readRaw(file, isRequests) {
  return `read_csv('${file}', header = true, all_varchar = true${isRequests
    ? `, comment = '#', encoding = 'latin-1'` : ''})`;
}

// DuckDB's expression for a raw text column as the table's type, the formats the city uses.
function typed(name, type, isRequests) {
  const q = `"${name}"`;
  if (type === 'DATE') return `strptime(${q}, '%m/%d/%Y')::DATE`;
  if (type === 'TIMESTAMP') {
    return `strptime(${q}, '${isRequests ? '%m/%d/%Y %I:%M:%S %p' : '%Y-%m-%d %H:%M:%S'}')`;
  }
  if (type === 'BIGINT') return `regexp_replace(${q}, '\\.0$', '')::BIGINT`;
  return `${q}::${type}`;
}

test('examples/denver/run.sh: releases ingested without duplicates, answers as DuckDB computes them', async (t) => {
  const dir = tempDir(t);
  const [a, b, out] = ['release_a', 'release_b', 'out'].map((d) => path.join(dir, d));
  for (const [release, folder] of [['2020-01-01', a], ['2020-07-01', b]]) {
    const g = sluice(['generate', 'denver', '--accidents', String(ROWS), '--requests', String(ROWS),
      '--release', release, folder]);
    assert.equal(g.code, 0, g.stderr);
  }
  // Release B repeats one of its 311 rows; each release holds an accident with an
  // impossible date (a key of its own), reported once and not loaded.
  const requestsB = readFileSync(path.join(b, '311_service_requests.csv'), 'latin1').split('\n');
  appendFileSync(path.join(b, '311_service_requests.csv'), `${requestsB[requestsB.length - 2]}\n`,
    'latin1');
  const badIds = ['2019999999998544100', '2020999999999544100'];
  const badLines = [a, b].map((folder, i) => {
    const lines = readFileSync(path.join(folder, 'traffic_accidents.csv'), 'utf8').split('\n');
    const bad = lines[lines.length - 2].split(',');
    bad[2] = badIds[i];
    bad[6] = '2020-13-45 10:00:00';
    appendFileSync(path.join(folder, 'traffic_accidents.csv'), `${bad.join(',')}\n`);
    return lines.length;
  });

  const env = { ...process.env, SLUICE: sluiceBin };
  const counts = [];
  for (const [folder, release] of [[a, '2020-01-01'], [b, '2020-07-01'], [b, '2020-07-01']]) {
    const run = spawnSync(runSh, [folder, out, release], { encoding: 'utf8', env });
    assert.equal(run.status, 0, run.stderr);
    counts.push(run.stdout.split('\n')[1]);
    assert.deepEqual(readdirSync(path.join(out, 'raw', release)).sort(),
      ['311_service_requests.csv', 'traffic_accidents.csv']);
  }
  assert.equal(counts[2], counts[1], 'the same release again adds nothing');
  ['2020-01-01', '2020-07-01'].forEach((release, i) => {
    const rejects = readFileSync(path.join(out, 'rejects', release, 'rejects.csv'), 'utf8').split('\n');
    assert.equal(rejects.length, 3, `${release}: one reject`);
    assert.match(rejects[1], new RegExp(`traffic_accidents\\.csv,${badLines[i]},\\d+,first_occurrence_date,`));
  });

  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const all = async (sql) => (await c.runAndReadAll(sql)).getRowsJS();
  for (const [table, file, key, isRequests] of [
    ['traffic_accidents', 'traffic_accidents.csv', 'offense_id', false],
    ['service_requests', '311_service_requests.csv', 'case_number', true]]) {
    await c.run(`CREATE TABLE ${table} AS
      SELECT * FROM read_parquet('${out}/warehouse/${table}/*.parquet')`);
    // Normalized names: the download's header, lower case, white space runs to `_`.
    const header = (await c.runAndReadAll(`SELECT * FROM ${readRaw(path.join(a, file), isRequests)}
      LIMIT 0`)).columnNames();
    const columns = await all(`SELECT column_name, data_type FROM information_schema.columns
      WHERE table_name = '${table}' ORDER BY ordinal_position`);
    assert.deepEqual(columns.map((col) => col[0]),
      header.map((h) => h.toLowerCase().replace(/\s+/g, '_')));
    // The rows DuckDB expects: all of A, then B's rows whose key A lacks (once each), without
    // the malformed ones.
    const select = header.map((h, i) => `${typed(h, columns[i][1], isRequests)} AS ${columns[i][0]}`)
      .join(', ');
    const wellFormed = `"${isRequests ? 'Case Number' : 'OFFENSE_ID'}" NOT IN (${badIds
      .map((id) => `'${id}'`).join(', ')})`;
    await c.run(`CREATE TABLE expected_${table} AS
      WITH ra AS (SELECT ${select} FROM ${readRaw(path.join(a, file), isRequests)} WHERE ${wellFormed}),
      rb AS (SELECT DISTINCT ${select} FROM ${readRaw(path.join(b, file), isRequests)} WHERE ${wellFormed})
      SELECT * FROM ra UNION ALL (SELECT * FROM rb WHERE ${key} NOT IN (SELECT ${key} FROM ra))`);
    const [[rows, keys, missing, extra]] = await all(`SELECT
      (SELECT count(*)::INT FROM ${table}), (SELECT count(DISTINCT ${key})::INT FROM ${table}),
      (SELECT count(*)::INT FROM (FROM expected_${table} EXCEPT ALL FROM ${table})),
      (SELECT count(*)::INT FROM (FROM ${table} EXCEPT ALL FROM expected_${table}))`);
    assert.equal(keys, rows, `${table}: a key twice`);
    assert.deepEqual([missing, extra], [0, 0], `${table}: rows differ from DuckDB's`);
    assert.ok(rows > ROWS, `${table}: ${rows} rows`);
  }
  // Latin-1 arrived as UTF-8.
  const summaries = (await all(`SELECT DISTINCT case_summary FROM service_requests`)).flat();
  for (const s of ['Pothole in front of the café', 'Ice on the Peña Blvd ramp',
    'Graffiti on the façade', 'Abandoned car with a "for sale" sign']) {
    assert.ok(summaries.includes(s), s);
  }

  // The answers, from DuckDB's rows.
  const A = 'expected_traffic_accidents';
  const R = 'expected_service_requests';
  const daily = await all(`SELECT first_occurrence_date::DATE::VARCHAR, count(*)::INT FROM ${A}
    GROUP BY 1 ORDER BY 1`);
  assert.deepEqual(csvRows(path.join(out, 'daily_accidents')),
    [['date', 'accidents'], ...daily.map((r) => r.map(String))]);

  const months = await all(`WITH days AS (SELECT month(d) AS month, count(*) AS days FROM
      (SELECT unnest(generate_series(min(first_occurrence_date)::DATE, max(first_occurrence_date)::DATE,
        INTERVAL 1 DAY)) AS d FROM ${A}) GROUP BY 1),
    counts AS (SELECT month(first_occurrence_date) AS month, count(*) AS accidents FROM ${A} GROUP BY 1)
    SELECT month::INT, accidents::INT, days::INT, accidents / days,
      accidents / days / (sum(accidents) OVER () / sum(days) OVER ())
    FROM counts JOIN days USING (month) ORDER BY month`);
  const seasonality = csvRows(path.join(out, 'monthly_seasonality'));
  assert.deepEqual(seasonality[0], ['month', 'accidents', 'days', 'accidents_per_day', 'seasonal_index']);
  assert.equal(seasonality.length - 1, 12);
  months.forEach((e, i) => {
    assert.deepEqual(seasonality[i + 1].slice(0, 3), e.slice(0, 3).map(String), `month ${e[0]}`);
    near(seasonality[i + 1][3], e[3], 0.0006, `month ${e[0]} per day`);
    near(seasonality[i + 1][4], e[4], 0.0006, `month ${e[0]} index`);
  });

  const years = [2014, 2015, 2016, 2017, 2018, 2019];
  const shares = await all(`SELECT coalesce(road_condition, 'UNKNOWN'), ${years.map((y) => `
      100 * count(*) FILTER (WHERE year(first_occurrence_date) = ${y}) /
        (SELECT count(*) FROM ${A} WHERE year(first_occurrence_date) = ${y})`).join(',')}
    FROM ${A} GROUP BY 1 ORDER BY 1`);
  const pivot = csvRows(path.join(out, 'road_condition_by_year'));
  assert.deepEqual(pivot[0], ['road_condition', ...years.map(String)]);
  assert.deepEqual(pivot.slice(1).map((r) => r[0]), shares.map((r) => r[0]));
  shares.forEach((e, i) => years.forEach((y, k) => {
    near(pivot[i + 1][k + 1], e[k + 1] === 0 ? null : e[k + 1], 0.0051, `${e[0]} ${y}`);
  }));

  const hoods = await all(`SELECT coalesce(neighborhood, 'UNKNOWN') AS n, count(*)::INT AS requests,
    100 * count(*) / sum(count(*)) OVER () FROM ${R} GROUP BY 1 ORDER BY requests DESC, n`);
  const perHood = csvRows(path.join(out, 'requests_per_neighborhood'));
  assert.deepEqual(perHood[0], ['neighborhood', 'requests', 'share_pct']);
  assert.deepEqual(perHood.slice(1).map((r) => r.slice(0, 2)), hoods.map((e) => [e[0], String(e[1])]));
  hoods.forEach((e, i) => near(perHood[i + 1][2], e[2], 0.0051, e[0]));

  const top = await all(`WITH counts AS (SELECT year(first_occurrence_date) AS year, neighborhood_id,
      count(*) AS accidents FROM ${A} GROUP BY ALL),
    ranked AS (SELECT *, 100 * accidents / sum(accidents) OVER (PARTITION BY year) AS share FROM counts)
    SELECT year::INT, row_number() OVER (PARTITION BY year ORDER BY accidents DESC, neighborhood_id)::INT AS r,
      neighborhood_id, accidents::INT, share
    FROM ranked WHERE neighborhood_id IS NOT NULL QUALIFY r <= 10 ORDER BY year, r`);
  const topCsv = csvRows(path.join(out, 'top_accident_neighborhoods'));
  assert.deepEqual(topCsv[0], ['year', 'rank', 'neighborhood_id', 'accidents', 'share_pct']);
  assert.deepEqual(topCsv.slice(1).map((r) => r.slice(0, 4)), top.map((e) => e.slice(0, 4).map(String)));
  top.forEach((e, i) => near(topCsv[i + 1][4], e[4], 0.0051, `${e[0]} ${e[2]}`));

  const resolution = await all(`WITH r AS (SELECT type,
      date_diff('second', case_created_dttm, case_closed_dttm) / 3600 AS hours FROM ${R})
    SELECT type, count(hours)::INT, (count(*) - count(hours))::INT, avg(hours),
      quantile_cont(hours, 0.5), quantile_cont(hours, 0.9), stddev_samp(hours)
    FROM r GROUP BY type ORDER BY type`);
  const resolutionCsv = csvRows(path.join(out, 'resolution_by_type'));
  assert.deepEqual(resolutionCsv[0],
    ['type', 'closed', 'open', 'avg_hours', 'median_hours', 'p90_hours', 'stddev_hours']);
  assert.equal(resolutionCsv.length - 1, resolution.length);
  resolution.forEach((e, i) => {
    assert.deepEqual(resolutionCsv[i + 1].slice(0, 3), e.slice(0, 3).map(String), e[0]);
    for (let k = 3; k < 7; k++) near(resolutionCsv[i + 1][k], e[k], 0.0051, `${e[0]} column ${k}`);
  });
});

test('generate denver: the city\'s columns and formats, deterministic, a rolling window', async (t) => {
  const dir = tempDir(t);
  const [a, again, b] = ['a', 'again', 'b'].map((d) => path.join(dir, d));
  const options = ['--accidents', '2000', '--requests', '3000'];
  assert.equal(sluice(['generate', 'denver', ...options, a]).code, 0);
  assert.equal(sluice(['generate', 'denver', ...options, again]).code, 0);
  assert.equal(sluice(['generate', 'denver', ...options, '--release', '2020-07-01', b]).code, 0);
  for (const f of ['traffic_accidents.csv', '311_service_requests.csv']) {
    assert.ok(readFileSync(path.join(a, f)).equals(readFileSync(path.join(again, f))), f);
  }
  const accidents = readFileSync(path.join(a, 'traffic_accidents.csv'), 'utf8').split('\n');
  assert.equal(accidents[0].split(',').length, 45);
  assert.match(accidents[0], /^OBJECTID_1,INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,TOP_TRAFFIC_ACCIDENT_OFFENSE,FIRST_OCCURRENCE_DATE,.*,ROAD_CONDITION,LIGHT_CONDITION,.*,SERIOUSLY_INJURED,FATALITIES,/);
  assert.match(accidents[1], /^1,2014\d{9}\.0,2014\d{15},\d{4},\d,TRAF - ACCIDENT[^,]*,2014-01-0\d \d\d:\d\d:\d\d,/);
  // Latin-1 bytes (é alone, not UTF-8's two bytes), a comment line, then the header.
  const requestBytes = readFileSync(path.join(a, '311_service_requests.csv'));
  assert.ok(requestBytes.includes(Buffer.from('caf\xe9', 'latin1')));
  assert.ok(!requestBytes.includes(Buffer.from('café', 'utf8')));
  const requests = requestBytes.toString('latin1').split('\n');
  assert.equal(requests[0], '# Denver 311 service requests, release 2020-01-01');
  assert.equal(requests[1].split(',').length, 24);
  assert.match(requests[1], /^Case Summary,Case Status,Case Source,Case Created Date,Case Created dttm,Case Closed Date,Case Closed dttm,/);
  assert.ok(requests.some((l) => /,(0\d|1[0-2])\/\d\d\/\d{4} (0\d|1[0-2]):\d\d:\d\d PM,/.test(l)));

  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const all = async (sql) => (await c.runAndReadAll(sql)).getRowsJS();
  for (const [name, release] of [['a', a], ['b', b]]) {
    await c.run(`CREATE TABLE acc_${name} AS SELECT * EXCLUDE (OBJECTID_1),
      strptime(FIRST_OCCURRENCE_DATE, '%Y-%m-%d %H:%M:%S')::DATE AS day
      FROM ${readRaw(path.join(release, 'traffic_accidents.csv'), false)}`);
    await c.run(`CREATE TABLE req_${name} AS SELECT *,
      strptime("Case Created dttm", '%m/%d/%Y %I:%M:%S %p')::DATE AS day
      FROM ${readRaw(path.join(release, '311_service_requests.csv'), true)}`);
  }
  // Each release covers the 2191 days before its date; about the rows asked for.
  for (const [table, start, end, rows] of [
    ['acc_a', '2014-01-01', '2020-01-01', 2000], ['req_a', '2014-01-01', '2020-01-01', 3000],
    ['acc_b', '2014-07-02', '2020-07-01', 2000], ['req_b', '2014-07-02', '2020-07-01', 3000]]) {
    const [[first, last, n]] = await all(`SELECT min(day)::VARCHAR, max(day)::VARCHAR, count(*)::INT FROM ${table}`);
    assert.ok(first >= start && first < '2014-07-31', `${table} starts ${first}`);
    assert.ok(last < end && last >= '2019-12-01', `${table} ends ${last}`);
    assert.ok(Math.abs(n - rows) < rows * 0.1, `${table}: ${n} rows`);
  }
  // Where the windows overlap, both releases hold the same rows (the same ids, the same values).
  for (const [x, y] of [['acc_a', 'acc_b'], ['req_a', 'req_b']]) {
    const [[shared, missing, extra]] = await all(`SELECT
      (SELECT count(*)::INT FROM ${x} WHERE day >= '2014-07-02'),
      (SELECT count(*)::INT FROM (FROM ${x} WHERE day >= '2014-07-02' EXCEPT ALL FROM ${y})),
      (SELECT count(*)::INT FROM (FROM ${y} WHERE day < '2020-01-01' EXCEPT ALL FROM ${x}))`);
    assert.ok(shared > 1000, `${x}: ${shared}`);
    assert.deepEqual([missing, extra], [0, 0], x);
  }

  const bad = sluice(['generate', 'denver', '--release', '2020-02-30', path.join(dir, 'c')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--release: expected a date yyyy-MM-dd, got '2020-02-30'/);
});
