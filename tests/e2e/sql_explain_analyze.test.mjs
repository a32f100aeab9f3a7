// EXPLAIN ANALYZE: every operator that ran shows its output rows and time; the operators that
// hold rows (a join's built side, an aggregate's groups, a sort's input) their peak bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sluice } from './helpers.mjs';

const UNITS = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

function operator(plan, name) {
  const line = plan.split('\n').find((l) => l.includes(`${name} `) && l.includes('rows='));
  assert.ok(line, `${name} in:\n${plan}`);
  const rows = Number(/rows=(\d+)/.exec(line)[1]);
  const peak = /peak=([\d.]+) (B|KiB|MiB|GiB)/.exec(line);
  return { rows, peak: peak ? Number(peak[1]) * UNITS[peak[2]] : 0 };
}

test('EXPLAIN ANALYZE shows rows, time and the peak bytes of what operators hold', () => {
  const r = sluice(['sql', '--format', 'tsv', '-e', `EXPLAIN ANALYZE
    SELECT k, count(*) FROM (SELECT a.id % 1000 AS k FROM range(200000) a JOIN range(50000) b ON a.id = b.id * 2)
    GROUP BY k ORDER BY k`]);
  assert.equal(r.code, 0, r.stderr);
  const plan = r.stdout;
  for (const line of plan.split('\n').filter((l) => l.includes('+-'))) assert.match(line, /rows=\d+ time=[\d.]+ ms/);
  const join = operator(plan, 'Join');
  assert.equal(join.rows, 50000);  // b.id * 2 for b in [0, 50000) is below 200000
  assert.ok(join.peak >= 50000 * 8, `the built side holds 50,000 BIGINTs: ${join.peak}`);
  const aggregate = operator(plan, 'Aggregate');
  assert.equal(aggregate.rows, 500);  // even ids only: 500 residues of 1000
  assert.ok(aggregate.peak >= 500 * 8);
  assert.equal(operator(plan, 'Sort').rows, 500);
  assert.ok(operator(plan, 'Sort').peak > 0);
});

test('windows, set operations and DISTINCT report what they held', () => {
  const r = sluice(['sql', '--format', 'tsv', '-e', `EXPLAIN ANALYZE
    SELECT count(*), max(r) FROM (
      SELECT id, row_number() OVER (PARTITION BY id % 10 ORDER BY id) AS r
      FROM (SELECT DISTINCT id % 30000 AS id FROM range(100000)
            EXCEPT SELECT id FROM range(10000)))`]);
  assert.equal(r.code, 0, r.stderr);
  const plan = r.stdout;
  assert.equal(operator(plan, 'Window').rows, 20000);
  assert.ok(operator(plan, 'Window').peak >= 20000 * 8, plan);
  assert.ok(operator(plan, 'SetOperation').peak >= 20000 * 8, plan);
  assert.ok(operator(plan, 'Distinct').peak >= 30000 * 8, plan);
});

test('LIMIT over a scan reads only the first morsels', () => {
  const r = sluice(['sql', '--format', 'tsv', '-e', 'EXPLAIN ANALYZE SELECT id * 2 FROM range(10000000) LIMIT 5']);
  assert.equal(r.code, 0, r.stderr);
  const range = operator(r.stdout, 'Range');
  assert.ok(range.rows >= 5 && range.rows < 1000000, `rows read: ${range.rows}`);
});
