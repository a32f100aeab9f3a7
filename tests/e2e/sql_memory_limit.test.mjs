// --memory-limit: the process's bound, which every query's operators reserve under. A query
// whose blocking operator holds far more spills (the hash aggregate) or fails naming the
// operator (the others, for now); without the limit it answers.
import assert from 'node:assert/strict';
import test from 'node:test';
import { sluice } from './helpers.mjs';

const groups = 'SELECT count(*) FROM (SELECT id % 1000000 AS k, count(*) FROM range(4000000) GROUP BY k)';
const sorted = 'SELECT max(x) FROM (SELECT id * 2 AS x FROM range(4000000) ORDER BY x)';

test('an aggregate holding more than --memory-limit spills; a sort fails naming itself', () => {
  // sql_spill.test.mjs checks the spilled answers and the memory in detail.
  const r = sluice(['sql', '--format', 'tsv', '--memory-limit', '32MB', '-e', groups]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '1000000\n');
  // A sort does not spill yet.
  const s = sluice(['sql', '--format', 'tsv', '--memory-limit', '32MB', '-e', sorted]);
  assert.notEqual(s.code, 0);
  assert.match(s.stderr,
    /memory limit of 32\.0 MiB( \(process\))? exceeded by (sort|collected rows) \(holding [\d.]+ MiB; query total [\d.]+ MiB\); raise --memory-limit/);
  const unlimited = sluice(['sql', '--format', 'tsv', '-e', sorted]);
  assert.equal(unlimited.code, 0, unlimited.stderr);
  assert.equal(unlimited.stdout, '7999998\n');
});

test('a session limit below the process limit applies to its queries only', () => {
  const r = sluice(['sql', '--format', 'tsv', '--memory-limit', '50%', '-e',
    `SET spark.sluice.memory.limit=8MB; SELECT count(*) FROM range(1000000);
     SELECT max(id) FROM (SELECT id FROM range(1000000) ORDER BY id)`]);
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '1000000\n');  // streaming: nothing held
  // The sort's input is collected first: either may be the one refused.
  assert.match(r.stderr, /memory limit of 8\.0 MiB exceeded by (sort|collected rows)/);
});

test('--memory-limit rejects what is not a size', () => {
  const r = sluice(['sql', '--memory-limit', 'lots', '-e', 'SELECT 1']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--memory-limit: expected a size such as 512MB, 4GiB or 50%, found 'lots'/);
});
