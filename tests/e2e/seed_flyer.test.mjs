// The flyer engagement seed: `sluice sql -f examples/flyer/original_report.sql` over
// channel_dataset.csv (session time zone America/Toronto, Spark 3.0 interval text)
// reproduces the published result_dataset.csv exactly, as a set of rows, every column.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { projectRoot, seedsDir, sluice, tempDir } from './helpers.mjs';

function rowsOf(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  return lines.map((l) => l.replace(/\r$/, '')).sort();
}

test('the original flyer report reproduces result_dataset.csv', (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'report.csv');
  const r = sluice(['sql', '--warehouse', path.join(dir, 'wh'), '-f',
    path.join(projectRoot, 'examples/flyer/original_report.sql'), '--output', out],
  { cwd: projectRoot });
  assert.equal(r.code, 0, r.stderr);
  const expected = rowsOf(path.join(seedsDir, 'flyer/result_dataset.csv'));
  const actual = rowsOf(out);
  assert.equal(actual.length, 12031);  // the header and 12,030 groups
  assert.deepEqual(actual, expected);
});
