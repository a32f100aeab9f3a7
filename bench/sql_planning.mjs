// Start-up and planning time of `sluice sql` (issue 9's targets): `SELECT 1` as a whole
// process in under 10 ms, and EXPLAIN of a query over 100 columns (100 aggregates of
// expressions, a filter, GROUP BY and ORDER BY, over a 100-column CSV file with a header) in
// under 50 ms more than that. Medians of --runs spawns (default 30), timed from node without
// /usr/bin/time between. The output is not read (pipes and their reading cost node a few ms per
// spawn): the exit status says the statement ran.
//   node bench/sql_planning.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { args, median, sluice } from './lib.mjs';

const runs = Number(args.runs ?? 30);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-planning-'));
const csv = path.join(dir, 'wide.csv');
const columns = Array.from({ length: 100 }, (_, i) => `c${i}`);
const lines = [columns.join(',')];
for (let r = 0; r < 10; r++) lines.push(columns.map((_, i) => String(r * i)).join(','));
writeFileSync(csv, `${lines.join('\n')}\n`);
const wide = `EXPLAIN SELECT c0 % 3 AS g, ${columns.map((c, i) => `sum(${c} * 2 + ${i}) AS s${i}`).join(', ')}
  FROM read_files('${csv}', format => 'csv', header => true, inferSchema => true)
  WHERE c1 > 0 AND c2 < 1000 GROUP BY g ORDER BY g`;

function wallMs(sql) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(sluice, ['sql', '-e', sql], { stdio: 'ignore' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`sluice failed on: ${sql}`);
  }
  return median(ms);
}

const startup = wallMs('SELECT 1');
const planned = wallMs(wide);
console.log(`SELECT 1, whole process: ${startup.toFixed(1)} ms (target < 10 ms)`);
console.log(`EXPLAIN of a 100-column query: ${planned.toFixed(1)} ms, ${(planned - startup).toFixed(1)} ms ` +
  'more than SELECT 1 (target < 50 ms)');
process.exit(startup < 10 && planned - startup < 50 ? 0 : 1);
