// The sales-days forecast example (examples/sales_days): the legacy R code's rules, each
// checked on a tiny input folder written here, with the expected values computed in this
// file by plain date arithmetic (sales days are the days that are not Sundays); then the
// whole run on the published inputs plus generated ones (a generated folder under a
// sanitizer build), checked against a row count computed here and by DuckDB.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot, sluice, sluiceBin, tempDir } from './helpers.mjs';

const runSh = path.join(projectRoot, 'examples/sales_days/run.sh');
const generateSh = path.join(projectRoot, 'examples/sales_days/generate.sh');
const env = { ...process.env, SLUICE: sluiceBin };

// ---- Dates as days since 1970-01-01 (UTC), months as 'YYYY-MM-01'.
const DAY = 86400000;
const toDays = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
const fromDays = (days) => new Date(days * DAY).toISOString().slice(0, 10);
const isSunday = (days) => new Date(days * DAY).getUTCDay() === 0;
function salesDays(from, to) {
  let n = 0;
  for (let d = toDays(from); d <= toDays(to); d++) n += isSunday(d) ? 0 : 1;
  return n;
}
function addMonths(month, k) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 10);
}
const floorMonth = (date) => `${date.slice(0, 7)}-01`;
const lastDay = (month) => fromDays(toDays(addMonths(month, 1)) - 1);
const monthSalesDays = (month) => salesDays(month, lastDay(month));
const monthsBetween = (a, b) =>
  12 * (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
function months(from, to) {
  const out = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

// ---- Input folders.
const HEADERS = {
  dfSalesDaysFuture: 'loc_num,location_type_code,open_date,close_date,price_group,date_forecast,months_predict',
  dfMonthlySales: 'loc_num,month,days,open_date,inflation_factor,inflation_factor_ending,concept_code',
  dfReinvestmentProjects: 'loc_num,shutdown,reopen',
  dfCannibalizationFactors: 'loc_num,month,gocf',
  dfReinvestmentFactors: 'loc_num,month,factor',
};

function location(num, open, { close = 'null', type = 'RESTAURANT', forecast = '2025-03-25', predict = 3 } = {}) {
  return `${num},${type},${open},${close},41,${forecast},${predict}`;
}

// Monthly history rows from..to; by default a month's days are its sales days.
function history(num, from, to, { days = monthSalesDays, factor = '1.2', type = 'RESTAURANT' } = {}) {
  return months(from, to).map((m) => `${num},${m},${days(m)},2000-01-01,${factor},${factor},${type}`);
}

// Location 00001, open since 2000, whose history 2013-01..2025-02 gives the calendar every
// kind of year the forecast months up to 2027 need (2014: a non-leap year starting on a
// Wednesday, like 2025; 2015 on a Thursday, like 2026; 2021 on a Friday, like 2027).
function base(predict = 3) {
  return {
    dfSalesDaysFuture: [location('00001', '2000-01-01', { predict })],
    dfMonthlySales: history('00001', '2013-01-01', '2025-02-01'),
  };
}

function merge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}

function runForecast(t, files, asOf) {
  const dir = tempDir(t);
  for (const [name, header] of Object.entries(HEADERS))
    writeFileSync(path.join(dir, `${name}.csv`), [header, ...(files[name] ?? [])].join('\n') + '\n');
  const out = path.join(dir, 'forecast.csv');
  const r = spawnSync(runSh, [dir, out, ...(asOf ? [asOf] : [])], { encoding: 'utf8', env });
  if (r.status !== 0) return { status: r.status, stderr: r.stderr };
  const [header, ...lines] = readFileSync(out, 'utf8').split('\n').filter((l) => l.length > 0);
  const names = header.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
  const at = new Map(rows.map((row) => [`${row.loc_num} ${row.month}`, row]));
  return { status: 0, header, rows, at, of: (loc) => rows.filter((row) => row.loc_num === loc) };
}

function ok(t, files, asOf) {
  const r = runForecast(t, files, asOf);
  assert.equal(r.status, 0, r.stderr);
  return r;
}

const COLUMNS = 'loc_num,month,date_forecast,days,inflation_factor,age,concept_code,' +
  'location_type_code,gocf,reinvestment_factor,age_years,age_group';

test('days are the month\'s sales days, for months_predict months from the forecast month', (t) => {
  const r = ok(t, merge(base(24), {
    // Forecast before the 16th: the forecast month's previous month comes first.
    dfSalesDaysFuture: [location('00002', '2000-01-01', { forecast: '2025-03-10', predict: 3 })],
    dfMonthlySales: [
      ...history('00002', '2025-01-01', '2025-01-01'),
      // May's calendar row is the median over the locations' May 2014: (27 + 24) / 2 = 25.5,
      // truncated to 25 as R's as.integer does (not rounded: 26).
      '00003,2014-05-01,24,2000-01-01,1.2,1.2,RESTAURANT'],
  }));
  assert.equal(r.header, COLUMNS);
  const expected = months('2025-03-01', '2027-02-01');
  assert.deepEqual(r.of('00001').map((row) => row.month), expected);
  assert.deepEqual(r.of('00002').map((row) => row.month),
    ['2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01']);
  assert.equal(monthSalesDays('2025-05-01'), 27);
  for (const row of r.rows) {
    const want = row.month === '2025-05-01' ? 25 : monthSalesDays(row.month);
    assert.equal(Number(row.days), want, `${row.loc_num} ${row.month}`);
  }
  assert.equal(r.at.get('00001 2025-03-01').days, '26');  // 31 days, 5 Sundays
  assert.equal(r.at.get('00001 2026-02-01').days, '24');  // 28 days, 4 Sundays
});

test('the as-of date decides which months are reported (a month is after the 16th of the next)', (t) => {
  const files = merge(base(), {
    dfSalesDaysFuture: [location('00002', '2000-01-01', { forecast: '2025-03-10', predict: 1 })],
    dfMonthlySales: [
      ...history('00002', '2025-01-01', '2025-01-01'),
      // February 2025 reported 10 days, known from 2025-03-16 on.
      ...history('00003', '2025-02-01', '2025-02-01', { days: () => 10 })],
  });
  // Default: the latest forecast date, 2025-03-25; the median of (24, 10) is 17.
  assert.equal(ok(t, files).at.get('00002 2025-02-01').days, '17');
  assert.equal(ok(t, files, '2025-03-16').at.get('00002 2025-02-01').days, '17');
  // Before the 16th, February is not reported: the calendar takes February 2014.
  assert.equal(ok(t, files, '2025-03-15').at.get('00002 2025-02-01').days,
    String(monthSalesDays('2014-02-01')));
  const bad = runForecast(t, files, '2025-3-1x');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /as-of date must be yyyy-MM-dd/);
});

test('opening and closing months', (t) => {
  const r = ok(t, merge(base(), {
    dfSalesDaysFuture: [
      location('00010', '2025-04-10'),                           // opens on a Thursday
      location('00011', '2025-04-06'),                           // opens on a Sunday
      location('00012', '2000-01-01', { close: '2025-04-16' }),  // closes in the horizon
      location('00013', '2000-01-01', { close: '2026-04-16' }),  // closing not known yet
      location('00014', '2000-01-01', { close: '2024-06-30' }),  // closed already
      location('00015', '2025-04-10', { close: '2025-04-21' }),  // opens and closes in April
      location('00016', '2000-01-01', { close: '2026-03-24', predict: 14 }),  // < forecast + 12 months
      location('00017', '2000-01-01', { close: '2026-03-25', predict: 14 }),  // not <
    ],
  }));
  const april = monthSalesDays('2025-04-01');
  // In the opening month: days - (sales days from the 1st to the opening day - 1).
  assert.deepEqual(r.of('00010').map((row) => [row.month, Number(row.days)]),
    [['2025-04-01', salesDays('2025-04-10', '2025-04-30')], ['2025-05-01', 27]]);
  // The R rule on a Sunday opening: the Sunday is not counted, yet 1 is still added back.
  assert.equal(Number(r.at.get('00011 2025-04-01').days),
    april - (salesDays('2025-04-01', '2025-04-06') - 1));
  assert.equal(Number(r.at.get('00011 2025-04-01').days), salesDays('2025-04-06', '2025-04-30') + 1);
  // In the closing month: days - the sales days from the closing day to the month's end.
  assert.deepEqual(r.of('00012').map((row) => [row.month, Number(row.days)]),
    [['2025-03-01', 26], ['2025-04-01', april - salesDays('2025-04-16', '2025-04-30')]]);
  assert.deepEqual(r.of('00013').map((row) => row.days), ['26', String(april), '27']);
  assert.equal(r.of('00014').length, 0);
  assert.deepEqual(r.of('00015').map((row) => [row.month, Number(row.days)]),
    [['2025-04-01', april - (salesDays('2025-04-01', '2025-04-10') - 1) -
      salesDays('2025-04-21', '2025-04-30')]]);
  assert.equal(r.of('00016').at(-1).month, '2026-03-01');
  assert.equal(Number(r.of('00016').at(-1).days),
    monthSalesDays('2026-03-01') - salesDays('2026-03-24', '2026-03-31'));
  assert.equal(r.of('00017').length, 14);
  assert.equal(r.of('00017').at(-1).month, '2026-04-01');
});

test('a 29 February forecast date: a closing is known when before 28 February of the next year', (t) => {
  // lubridate's 2024-02-29 + months(12) is missing, which emptied the R code's forecast.
  const r = ok(t, {
    dfSalesDaysFuture: [
      location('00001', '2000-01-01', { forecast: '2024-02-29', predict: 13, close: '2025-02-27' }),
      location('00002', '2000-01-01', { forecast: '2024-02-29', predict: 13, close: '2025-02-28' })],
    dfMonthlySales: history('00001', '1996-01-01', '2024-01-01'),
  });
  assert.deepEqual(r.of('00001').map((row) => row.month), months('2024-02-01', '2025-02-01'));
  assert.equal(Number(r.at.get('00001 2025-02-01').days),
    monthSalesDays('2025-02-01') - salesDays('2025-02-27', '2025-02-28'));
  assert.equal(Number(r.at.get('00002 2025-02-01').days), monthSalesDays('2025-02-01'));
  assert.equal(r.at.get('00001 2024-02-01').days, '25');  // a leap February from 1996's
});

test('days lost to reinvestment projects: shutdown, middle and reopen months, the max of overlaps', (t) => {
  const projects = [
    ['2025-04-20', '2025-06-10'],
    ['2025-04-10', '2025-04-25'],  // overlaps the first in April
    ['2025-07-15', '2025-07-15'],  // one Tuesday
    ['2025-08-03', '2025-08-03'],  // one Sunday: nothing lost
  ];
  const r = ok(t, merge(base(6), {
    dfReinvestmentProjects: projects.map(([s, e]) => `00001,${s},${e}`),
  }));
  const lost = (month) => Math.max(0, ...projects.map(([shutdown, reopen]) => {
    if (month < floorMonth(shutdown) || month > floorMonth(reopen)) return 0;
    if (month !== floorMonth(shutdown) && month !== floorMonth(reopen)) return monthSalesDays(month);
    const from = shutdown > month ? shutdown : month;
    const to = reopen < lastDay(month) ? reopen : lastDay(month);
    return salesDays(from, to);
  }));
  for (const row of r.rows)
    assert.equal(Number(row.days), monthSalesDays(row.month) - lost(row.month), row.month);
  assert.equal(lost('2025-04-01'), Math.max(salesDays('2025-04-20', '2025-04-30'),
    salesDays('2025-04-10', '2025-04-25')));
  assert.equal(r.at.get('00001 2025-05-01').days, '0');
  assert.equal(Number(r.at.get('00001 2025-06-01').days),
    monthSalesDays('2025-06-01') - salesDays('2025-06-01', '2025-06-10'));
  assert.equal(Number(r.at.get('00001 2025-07-01').days), monthSalesDays('2025-07-01') - 1);
  assert.equal(Number(r.at.get('00001 2025-08-01').days), monthSalesDays('2025-08-01'));
});

test('leap-year calendar keys: the synthetic leap year starting on a Wednesday', (t) => {
  // 2048 is a leap year starting on a Wednesday; the history (2013-2015) has none: January
  // and February come from 2014 (February + 1 day), March on from 2015.
  const files = {
    dfSalesDaysFuture: [location('00001', '2000-01-01', { forecast: '2047-12-20', predict: 6 })],
    dfMonthlySales: [...history('00001', '2013-01-01', '2015-12-01'),
      ...history('00001', '2047-11-01', '2047-11-01')],
  };
  const r = ok(t, files);
  assert.deepEqual(r.rows.map((row) => row.month), months('2047-12-01', '2048-05-01'));
  for (const row of r.rows) assert.equal(Number(row.days), monthSalesDays(row.month), row.month);
  assert.equal(r.at.get('00001 2048-02-01').days, '25');  // 29 days, 4 Sundays
  assert.equal(monthSalesDays('2014-02-01'), 24);
  // A real leap year starting on a Wednesday in the history (2020) wins over the synthetic one.
  const real = ok(t, merge(files, {
    dfMonthlySales: history('00002', '2020-01-01', '2020-12-01', { days: () => 20 }),
  }));
  assert.deepEqual(real.rows.map((row) => row.days), ['26', '20', '20', '20', '20', '20']);
});

// The R code's multiplier for (month, date_forecast): the annual rate glides from 1.01 (1.0
// before May 2025) to 1.025 from the months to 2026-01-01 on; cumulative product of the
// monthly roots.
function cumulativeInflation(forecast, monthList) {
  let product = 1;
  return new Map(monthList.map((month) => {
    const out = monthsBetween(forecast, month) + 1;
    const begin = month < '2025-05-01' ? 1.0 : 1.01;
    const rate = Math.min(Math.max(begin + (begin - 1.025) / 12 *
      (monthsBetween(forecast, '2026-01-01') - out), begin), 1.025);
    product *= out === 0 ? 1 : rate ** (1 / 12);
    return [month, product];
  }));
}

function assertClose(actual, expected, what) {
  assert.ok(Math.abs(Number(actual) - expected) <= 1e-12 * expected, `${what}: ${actual} vs ${expected}`);
}

test('inflation: the glide path, its cumulative product and the mean for a location without a factor', (t) => {
  const r = ok(t, merge(base(24), {
    dfSalesDaysFuture: [
      location('00002', '2000-01-01', { close: '2025-04-10' }),
      location('00003', '2025-06-02', { predict: 24 })],
    dfMonthlySales: history('00002', '2025-02-01', '2025-02-01', { factor: '1.5' }),
  }));
  const cum = cumulativeInflation('2025-03-25', months('2025-03-01', '2027-02-01'));
  // Exactly: the running product multiplies in month order as R's cumprod does (a sum of
  // logarithms, exp(sum(ln)), differs in the last digits).
  for (const row of r.of('00001')) assert.equal(Number(row.inflation_factor), 1.2 * cum.get(row.month), row.month);
  // By hand: 1 until April 2025; 1.01 a year from May; 1.0125 in February 2026 (two months
  // into the glide); 1.025 from December 2026.
  const factor = (month) => Number(r.at.get(`00001 ${month}`).inflation_factor);
  assert.equal(factor('2025-03-01'), 1.2);
  assert.equal(factor('2025-04-01'), 1.2);
  assertClose(factor('2025-05-01'), 1.2 * 1.01 ** (1 / 12), 'May 2025');
  assertClose(factor('2026-02-01') / factor('2026-01-01'), 1.0125 ** (1 / 12), 'February 2026');
  assertClose(factor('2027-01-01') / factor('2026-12-01'), 1.025 ** (1 / 12), 'January 2027');
  // 00003 has no factor of its own: the mean over the concept's location months (24 of
  // 00001 at 1.2, 2 of 00002 at 1.5), not over locations.
  const mean = (24 * 1.2 + 2 * 1.5) / 26;
  assert.equal(r.of('00003').length, 21);
  for (const row of r.of('00003')) assertClose(row.inflation_factor, mean * cum.get(row.month), row.month);
});

test('inflation: a forecast before December 2024 lags the multiplier to the price change', (t) => {
  // First month 2024-09: lagged by the 3 months to 2024-12-01 within the location, 1 before.
  // (Forecast dates from 2024-04-02 to 2024-08-15 took the R code's broken price-change
  // branch instead.)
  const r = ok(t, {
    dfSalesDaysFuture: [location('00001', '2000-01-01', { forecast: '2024-09-20', predict: 12 })],
    dfMonthlySales: history('00001', '1996-01-01', '2024-08-01', { factor: '1.1' }),
  });
  const all = months('2024-09-01', '2025-08-01');
  const cum = cumulativeInflation('2024-09-20', all);
  assert.deepEqual(r.rows.map((row) => row.month), all);
  r.rows.forEach((row, i) => assert.equal(Number(row.inflation_factor),
    1.1 * (i < 3 ? 1 : cum.get(all[i - 3])), row.month));
});

// R's round(x, 1): a half goes to the even digit (x = age / 12 is exact for the halves).
function roundHalfEven(age) {
  const tenths = Math.floor((age * 10) / 12), rest = (age * 10) % 12;
  const up = rest * 2 > 12 || (rest * 2 === 12 && tenths % 2 === 1);
  return (tenths + (up ? 1 : 0)) / 10;
}

function ageGroup(years) {
  const bins = [[1, '<1'], [5, '1-5'], [10, '5-10'], [15, '10-15'], [20, '15-20'], [30, '20-30'],
    [50, '30-50'], [100, '50+']];
  return bins.find(([limit]) => years < limit)[1];
}

test('age in months, age_years rounded half to even, age groups', (t) => {
  const r = ok(t, merge(base(30), {
    dfSalesDaysFuture: [
      location('00020', '2024-12-05', { predict: 30 }),
      location('00021', '1975-02-10'),
      location('00022', '1995-03-01'),
      location('00023', '2020-03-15'),
      location('00024', '2024-03-31', { predict: 14 })],
  }));
  const opens = { '00001': '2000-01-01', '00020': '2024-12-05', '00021': '1975-02-10',
    '00022': '1995-03-01', '00023': '2020-03-15', '00024': '2024-03-31' };
  for (const row of r.rows) {
    const age = monthsBetween(floorMonth(opens[row.loc_num]), row.month);
    assert.equal(Number(row.age), age);
    assert.equal(Number(row.age_years), roundHalfEven(age), `${row.loc_num} ${row.month}`);
    assert.equal(row.age_group, ageGroup(roundHalfEven(age)));
  }
  const years = (loc, month) => r.at.get(`${loc} ${month}`).age_years;
  assert.deepEqual([years('00020', '2025-03-01'), years('00020', '2025-09-01'),
    years('00020', '2026-03-01'), years('00020', '2026-09-01')], ['0.2', '0.8', '1.2', '1.8']);
  assert.deepEqual(['00021', '00022', '00023'].map((loc) => r.at.get(`${loc} 2025-03-01`).age_group),
    ['50+', '30-50', '5-10']);
  // 11 months: 0.9, under 1; 12 months: 1.0, 1-5.
  assert.deepEqual([r.at.get('00024 2025-02-01'), r.at.get('00024 2025-03-01')]
    .map((row) => row && [row.age_years, row.age_group]), [undefined, ['1.0', '1-5']]);
  assert.equal(r.at.get('00020 2025-11-01').age_group, '<1');
});

test('an OCL takes the smaller of the calendar and its own last 12 months by month number', (t) => {
  const r = ok(t, merge(base(), {
    dfSalesDaysFuture: [location('00030', '2000-01-01', { type: 'OCL' }),
      location('00031', '2000-01-01', { type: 'OCL' }),
      location('00032', '2025-04-02', { type: 'OCL' })],
    dfMonthlySales: [
      ...history('00030', '2024-03-01', '2025-02-01',
        { type: 'OCL', factor: '1.1', days: (m) => (m.slice(5, 7) === '04' ? 20 : 30) }),
      // 11 months of history only: the calendar's days.
      ...history('00031', '2024-04-01', '2025-02-01', { type: 'OCL', factor: '1.4', days: () => 5 })],
  }));
  assert.deepEqual(r.of('00030').map((row) => row.days), ['26', '20', '27']);
  assert.deepEqual(r.of('00031').map((row) => Number(row.days)),
    ['2025-03-01', '2025-04-01', '2025-05-01'].map(monthSalesDays));
  assert.deepEqual(r.of('00030').map((row) => [row.concept_code, row.location_type_code, row.inflation_factor]),
    [['OCL', 'OCL', '1.1'], ['OCL', 'OCL', '1.1'], ['OCL', 'OCL', String(1.1 * 1.01 ** (1 / 12))]]);
  // No factor of its own: the mean over the OCL location months (1.1 and 1.4, three each),
  // not over all concepts (00001's 1.2 would make it 1.2333...).
  assert.equal(Number(r.at.get('00032 2025-04-01').inflation_factor), 1.25);
});

test('gocf and reinvestment_factor by location and month, 0 when missing', (t) => {
  const r = ok(t, merge(base(), {
    // loc_num is padded to 5 digits, as R pads the number it reads.
    dfCannibalizationFactors: ['00001,2025-04-01,-0.05', '1,2025-05-01,-0.02', '00001,2024-05-01,-0.9'],
    dfReinvestmentFactors: ['00001,2025-03-01,0.1', '00002,2025-04-01,0.3'],
  }));
  assert.deepEqual(r.rows.map((row) => [row.month, row.date_forecast, row.gocf, row.reinvestment_factor]), [
    ['2025-03-01', '2025-03-25', '0.0', '0.1'],
    ['2025-04-01', '2025-03-25', '-0.05', '0.0'],
    ['2025-05-01', '2025-03-25', '-0.02', '0.0']]);
});

test('the run fails with a message on the R code\'s validation failures and on bad input', async (t) => {
  const cases = [
    [merge(base(), { dfSalesDaysFuture: ['00002,RESTAURANT,null,null,41,2025-03-25,3'] }),
      /location 00002 has no open_date/],
    [merge(base(), { dfSalesDaysFuture: ['00002,,2000-01-01,null,41,2025-03-25,3'] }),
      /location 00002 has no location_type_code/],
    [merge(base(), { dfSalesDaysFuture: [location('00002', '2000-01-01', { type: 'OCL' })] }),
      /no inflation factor for location 00002 in 2025-03-01/],
    [merge(base(), {
      dfSalesDaysFuture: [location('00002', '2000-01-01')],
      dfMonthlySales: history('00002', '2025-02-01', '2025-02-01', { factor: '10.5' }),
    }), /inflation factor 10\.5 above 10 for location 00002/],
    [{ ...base(), dfMonthlySales: base().dfMonthlySales.map((l) => l.replace(/^(00001,2014-04-01,)\d+/, '$1')) },
      /no day count for location 00001 in 2025-04-01/],
    [merge(base(), { dfReinvestmentProjects: ['00001,2025-04-20,2025-04-10'] }),
      /location 00001 reopens \(2025-04-10\) before it shuts down \(2025-04-20\)/],
    [{ ...base(), dfMonthlySales: base().dfMonthlySales.filter((l) => !l.includes(',2014-')) },
      /no calendar for 2025-03-01 \(a non-leap year starting on a Wednesday\)/],
    [merge(base(), { dfCannibalizationFactors: ['00001,2025-04-01,-0.05', '1,2025-04-01,-0.02'] }),
      /dfCannibalizationFactors\.csv: 2 rows for location 00001 in 2025-04-01/],
    [merge(base(), { dfSalesDaysFuture: ['00002,RESTAURANT,2000-13-01,null,41,2025-03-25,3'] }),
      /dfSalesDaysFuture\.csv:3 .*column 'open_date': cannot parse '2000-13-01' as a DATE/],
  ];
  for (const [files, message] of cases) {
    const r = runForecast(t, files);
    assert.notEqual(r.status, 0, String(message));
    assert.match(r.stderr, message);
  }
});

// The months the rules keep for each location of dfSalesDaysFuture.csv, counted here.
function expectedRows(futureCsv) {
  const addMonthsDate = (date, k) => {
    const month = addMonths(floorMonth(date), k);
    const day = Math.min(Number(date.slice(8, 10)), Number(lastDay(month).slice(8, 10)));
    return `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
  };
  let count = 0;
  for (const line of futureCsv.split('\n').slice(1).filter((l) => l)) {
    const [, , open, close, , forecast, predict] = line.split(',');
    const closeMonth = close !== 'null' && close < addMonthsDate(forecast, 12) ? floorMonth(close) : null;
    for (let k = Number(forecast.slice(8, 10)) < 16 ? -1 : 0; k < Number(predict); k++) {
      const month = addMonths(floorMonth(forecast), k);
      if (month >= floorMonth(open) && (closeMonth === null || month <= closeMonth)) count++;
    }
  }
  return count;
}

test('the full run: published inputs plus generated ones, one row per location and month', async (t) => {
  const dir = tempDir(t);
  const input = path.join(dir, 'input');
  const out = path.join(dir, 'forecast.csv');
  // A sanitizer build is several times slower: 40 generated locations instead of the 6,672
  // published ones.
  const sanitized = process.env.SLUICE_SANITIZED === '1';
  const g = spawnSync(generateSh, sanitized ? [input, '40'] : [input], { encoding: 'utf8', env });
  assert.equal(g.status, 0, g.stderr);
  const r = spawnSync(runSh, [input, out], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const future = readFileSync(path.join(input, 'dfSalesDaysFuture.csv'), 'utf8');
  if (!sanitized)
    assert.equal(future, readFileSync(path.join(projectRoot, '../shared/seeds/sales_days/dfSalesDaysFuture.csv'), 'utf8'));
  assert.equal(readFileSync(out, 'utf8').split('\n', 1)[0], COLUMNS);

  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const read = (name) => `read_csv('${path.join(input, name)}', header = true, all_varchar = true)`;
  const [[rows, keys, minDays, maxDays, badGroups, badFactors]] = (await c.runAndReadAll(`
    SELECT count(*), count(DISTINCT (loc_num, month)), min(days), max(days),
           count(*) FILTER (WHERE age_group IS NULL),
           count(*) FILTER (WHERE inflation_factor NOT BETWEEN 1 AND 2)
    FROM read_csv('${out}', header = true, types = {'loc_num': 'VARCHAR'})`)).getRowsJS();
  const expected = expectedRows(future);
  assert.ok(expected > (sanitized ? 1000 : 500000), String(expected));
  assert.equal(Number(rows), expected);
  assert.equal(Number(keys), expected);
  assert.ok(Number(minDays) >= 0 && Number(maxDays) <= 27, `${minDays}..${maxDays}`);
  assert.equal(Number(badGroups), 0);
  assert.equal(Number(badFactors), 0);
  // The generated history runs from each location's opening month to the last month reported
  // on the forecast date (February 2025) or its closing month.
  const [[missing, extra]] = (await c.runAndReadAll(`
    WITH f AS (SELECT * FROM ${read('dfSalesDaysFuture.csv')}),
         s AS (SELECT * FROM ${read('dfMonthlySales.csv')})
    SELECT (SELECT count(*) FROM f WHERE open_date < '2025-02-01'
              AND (close_date = 'null' OR close_date >= '2025-02-01')
              AND loc_num NOT IN (SELECT loc_num FROM s WHERE month = '2025-02-01')),
           (SELECT count(*) FROM s WHERE month > '2025-02-01'
              OR loc_num NOT IN (SELECT loc_num FROM f))`)).getRowsJS();
  assert.deepEqual([Number(missing), Number(extra)], [0, 0]);
});

test('sluice generate sales-days is deterministic and refuses a malformed published file', (t) => {
  const dir = tempDir(t);
  const files = ['dfSalesDaysFuture', 'dfMonthlySales', 'dfReinvestmentProjects', 'dfCannibalizationFactors',
    'dfReinvestmentFactors'];
  const write = (name) => {
    const g = sluice(['generate', 'sales-days', '--locations', '30', path.join(dir, name)]);
    assert.equal(g.code, 0, g.stderr);
    return files.map((f) => readFileSync(path.join(dir, name, `${f}.csv`), 'utf8'));
  };
  const first = write('a');
  assert.deepEqual(write('b'), first);
  assert.equal(first[0].split('\n')[0], HEADERS.dfSalesDaysFuture);
  assert.equal(first[0].split('\n').filter((l) => l).length, 31);
  // Consistent with the locations: history from the opening month to February 2025, the
  // last month reported on 2025-03-25; cannibalization of open locations; reinvestment
  // factors of locations with a project.
  const [future, monthly, projects, gocf, factors] = first.map((text) =>
    text.split('\n').slice(1).filter((l) => l).map((l) => l.split(',')));
  const opened = new Map(future.map((f) => [f[0], f[2]]));
  assert.ok(future.some((f) => f[1] === 'OCL') && future.some((f) => f[3] !== 'null'));
  assert.ok(monthly.every(([loc, month, days]) => month >= floorMonth(opened.get(loc)) &&
    month <= '2025-02-01' && Number(days) >= 0 && Number(days) <= 27));
  assert.ok(gocf.length > 0 && gocf.every(([loc, , v]) => opened.get(loc) <= '2025-03-25' && Number(v) < 0));
  const withProject = new Set(projects.map(([loc]) => loc));
  assert.ok(factors.length > 0 && factors.every(([loc, , v]) => withProject.has(loc) && Number(v) > 0));
  const bad = path.join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(path.join(bad, 'dfSalesDaysFuture.csv'), `${HEADERS.dfSalesDaysFuture}\n00001,RESTAURANT,2000-01-01\n`);
  writeFileSync(path.join(bad, 'dfReinvestmentProjects.csv'), `${HEADERS.dfReinvestmentProjects}\n`);
  const g = sluice(['generate', 'sales-days', '--from-published', bad, bad]);
  assert.notEqual(g.code, 0);
  assert.match(g.stderr, /dfSalesDaysFuture\.csv:2: expected 7 fields, got 3/);
});
