// --memory-limit: the process's bound, which every query's operators reserve under. A query
// whose hash aggregate or sort holds far more spills and answers; without the limit it
// answers the same without spilling.
import assert from 'node:assert/strict';
import test from 'node:test';
import { sluice } from './helpers.mjs';

const groups = 'SELECT count(*) FROM (SELECT id % 1000000 AS k, count(*) FROM range(4000000) GROUP BY k)';
const sorted = 'SELECT max(x) FROM (SELECT id * 2 AS x FROM range(4000000) ORDER BY x)';

test('an aggregate or a sort holding more than --memory-limit spills and answers', () => {
  // sql_spill.test.mjs and sql_spill_sort.test.mjs check the answers and the memory in detail.
  const r = sluice(['sql', '--format', 'tsv', '--memory-limit', '32MB', '-e', groups]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '1000000\n');
  const s = sluice(['sql', '--format', 'tsv', '--memory-limit', '32MB', '-e', sorted]);
  assert.equal(s.code, 0, s.stderr);
  assert.equal(s.stdout, '7999998\n');
  const unlimited = sluice(['sql', '--format', 'tsv', '-e', sorted]);
  assert.equal(unlimited.code, 0, unlimited.stderr);
  assert.equal(unlimited.stdout, '7999998\n');
});

test('a session limit below the process limit applies to its queries only', () => {
  const query = 'EXPLAIN ANALYZE SELECT max(id) FROM (SELECT id FROM range(1000000) ORDER BY id)';
  const r = sluice(['sql', '--format', 'tsv', '--memory-limit', '50%', '-e',
    `SET spark.sluice.memory.limit=8MB; SELECT count(*) FROM range(1000000); ${query}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1000000\n/);  // streaming: nothing held
  assert.match(r.stdout, /Sort .*spilled=/);
  const process = sluice(['sql', '--format', 'tsv', '--memory-limit', '50%', '-e', query]);
  assert.equal(process.code, 0, process.stderr);
  assert.doesNotMatch(process.stdout, /spilled=/);
});

test('--memory-limit rejects what is not a size', () => {
  const r = sluice(['sql', '--memory-limit', 'lots', '-e', 'SELECT 1']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--memory-limit: expected a size such as 512MB, 4GiB or 50%, found 'lots'/);
});
