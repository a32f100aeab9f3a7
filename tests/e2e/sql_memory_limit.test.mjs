// --memory-limit: the process's bound, which every query's operators reserve under. A query
// whose blocking operator holds far more fails naming it; without the limit it answers.
import assert from 'node:assert/strict';
import test from 'node:test';
import { sluice } from './helpers.mjs';

const groups = 'SELECT count(*) FROM (SELECT id, count(*) FROM range(4000000) GROUP BY id)';

test('an aggregate holding more than --memory-limit fails naming itself and the limit', () => {
  const r = sluice(['sql', '--format', 'tsv', '--memory-limit', '32MB', '-e', groups]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr,
    /memory limit of 32\.0 MiB( \(process\))? exceeded by hash aggregate \(holding [\d.]+ MiB; query total [\d.]+ MiB\); raise --memory-limit/);
  const unlimited = sluice(['sql', '--format', 'tsv', '-e', groups]);
  assert.equal(unlimited.code, 0, unlimited.stderr);
  assert.equal(unlimited.stdout, '4000000\n');  // every id is its own group
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
