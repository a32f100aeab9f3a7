// Shared helpers for the whole-program tests: run the built binary, make temp folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const seedsDir = path.resolve(projectRoot, '../shared/seeds');
export const corpusDir = path.resolve(projectRoot, '../shared/corpus');
export const sluiceBin = process.env.SLUICE_BIN ?? path.join(projectRoot, 'build/release/apps/cli/sluice');

export function sluice(args, options = {}) {
  const result = spawnSync(sluiceBin, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...(options.env ?? {}) },
    cwd: options.cwd,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Runs sluice under /usr/bin/time: its result and peak resident memory in MiB.
export function measured(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'peak %M', sluiceBin, ...args],
    { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  const peak = Number(/peak (\d+)\s*$/.exec(r.stderr)?.[1]) / 1024;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/peak \d+\s*$/, ''), peak };
}

// A query's rows in DuckDB (in memory), each as tab-separated text.
export async function duck(sql) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRows().map((row) => row.map(String).join('\t'));
}

export function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Deterministic pseudo-random numbers (mulberry32).
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// JSON.parse that keeps numbers as their exact text (BIGINT and DECIMAL exceed doubles).
export function parseExact(line) {
  let out = '';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += line[++i];
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (/[-0-9]/.test(ch)) {
      let j = i;
      while (j < line.length && /[-+0-9.eE]/.test(line[j])) j++;
      out += `"${line.slice(i, j)}"`;
      i = j - 1;
    } else {
      out += ch;
    }
  }
  return JSON.parse(out);
}

// `cat --format json` options that print timestamps to the microsecond for microsOf
// (Spark's to_json default stops at milliseconds).
export const exactTimestamps = ['-O', 'timestampFormat=yyyy-MM-dd HH:mm:ss.SSSSSS',
  '-O', 'timestampNTZFormat=yyyy-MM-dd HH:mm:ss.SSSSSS'];

// Wall-clock text "YYYY-MM-DD HH:MM:SS[.ffffff]" (a UTC session) to epoch microseconds.
export function microsOf(text) {
  const m = /^(-?\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(text);
  assert.ok(m, `not a timestamp: ${text}`);
  const seconds = BigInt(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))) / 1000n;
  return String(seconds * 1000000n + BigInt((m[7] ?? '').padEnd(6, '0')));
}
