// Empty CSV inputs through the binary: zero rows and no warning, or a clear error where
// an empty input cannot be written.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { sluice, tempDir } from './helpers.mjs';

test('an empty file reads as zero rows without a warning', (t) => {
  const dir = tempDir(t);
  for (const [name, bytes] of [['zero.csv', ''], ['bom.csv', '\ufeff'], ['blank.csv', '\n\n']]) {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const plain = sluice(['cat', file, '-o', 'header=true', '--format', 'csv']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, '');
    const typed = sluice(['validate', file, '-o', 'header=true', '-o', 'enforceSchema=false',
      '--schema', 'a INT, b STRING']);
    assert.equal(typed.code, 0, typed.stderr);
    assert.equal(typed.stderr, '');
    assert.match(typed.stdout, /rows read\s+0\n/);
  }
});

test('writing an empty input without a schema is refused clearly', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'zero.csv');
  writeFileSync(file, '');
  const out = sluice(['convert', file, path.join(dir, 'out.parquet'), '-o', 'header=true']);
  assert.notEqual(out.code, 0);
  assert.match(out.stderr, /cannot write a table without columns \(an empty input needs --schema\)/);
  const typed = sluice(['convert', file, path.join(dir, 'typed.parquet'), '-o', 'header=true',
    '--schema', 'a INT']);
  assert.equal(typed.code, 0, typed.stderr);
  const back = sluice(['cat', path.join(dir, 'typed.parquet'), '--format', 'csv']);
  assert.equal(back.code, 0, back.stderr);
  assert.equal(back.stdout, 'a\n');
});
