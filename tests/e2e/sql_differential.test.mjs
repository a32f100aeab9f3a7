// Differential test of the SQL engine: the same queries over the same generated tables
// (thousands of rows with NULLs, skewed keys, duplicates; CSV and Parquet; an empty table)
// run on Sluice and on DuckDB, results compared exactly (doubles to a relative 1e-9), as
// sorted multisets unless the query ends in ORDER BY. Only queries where Spark's and
// DuckDB's semantics agree are here; where only the spelling differs a query gives both.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, sluice, tempDir } from './helpers.mjs';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota',
  'kappa', 'lambda', 'mu', 'Nu', 'xi', 'Omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon',
  'phi', 'chi', 'psi', 'omega', 'a_b', '50%', 'x y', 'zz'];

// name -> [columns (name, Spark type, DuckDB type), row count, format, row generator].
const TABLES = {
  t1: [[['id', 'INT', 'INTEGER'], ['g', 'INT', 'INTEGER'], ['v', 'BIGINT', 'BIGINT'],
    ['d', 'DOUBLE', 'DOUBLE'], ['x', 'DOUBLE', 'DOUBLE'], ['dec', 'DECIMAL(10,2)', 'DECIMAL(10,2)'],
    ['s', 'STRING', 'VARCHAR'], ['dt', 'DATE', 'DATE'], ['b', 'BOOLEAN', 'BOOLEAN']], 4000, 'csv',
  (r, i) => [i + 1,
    maybe(r, 0.08, () => (r() < 0.5 ? 1 : Math.floor(r() * 31))),
    maybe(r, 0.05, () => Math.floor(r() * 2000001) - 1000000),
    // Multiples of 1/8: sums are exact whatever the order; 0 is never negative.
    maybe(r, 0.07, () => Math.floor(r() * 16001 - 8000) / 8),
    maybe(r, 0.05, () => Math.floor(r() * 1e6) / 1e3),
    maybe(r, 0.05, () => (Math.floor(r() * 2e7) - 1e7) / 100),
    maybe(r, 0.06, () => skewedWord(r)),
    maybe(r, 0.05, () => date(r, 1500)),
    maybe(r, 0.1, () => r() < 0.35)]],
  t2: [[['id', 'INT', 'INTEGER'], ['g', 'INT', 'INTEGER'], ['s', 'STRING', 'VARCHAR'],
    ['w', 'DOUBLE', 'DOUBLE'], ['dt', 'DATE', 'DATE'], ['n', 'INT', 'INTEGER']], 3000, 'parquet',
  (r) => [Math.floor(r() * 5000) + 1,
    maybe(r, 0.1, () => Math.floor(r() * 41)),
    maybe(r, 0.05, () => skewedWord(r)),
    maybe(r, 0.05, () => Math.floor(r() * 4001 - 2000) / 4),
    maybe(r, 0.05, () => date(r, 1500)),
    maybe(r, 0.1, () => Math.floor(r() * 10))]],
  t3: [[['g', 'INT', 'INTEGER'], ['s', 'STRING', 'VARCHAR'], ['lim', 'INT', 'INTEGER']], 60, 'csv',
    (r) => [maybe(r, 0.1, () => Math.floor(r() * 35)), maybe(r, 0.1, () => skewedWord(r)),
      Math.floor(r() * 40)]],
  e: [[['g', 'INT', 'INTEGER'], ['s', 'STRING', 'VARCHAR'], ['lim', 'INT', 'INTEGER']], 0, 'csv',
    () => []],
};

function maybe(r, nullRate, value) {
  return r() < nullRate ? null : value();
}
function skewedWord(r) {
  return WORDS[Math.floor(WORDS.length * r() ** 2)];
}
function date(r, days) {
  return new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * days) * 86400000).toISOString().slice(0, 10);
}

// A query is one text for both engines, or [Spark text, DuckDB text]. `needs` names Sluice
// functions the query uses that another branch adds: skipped until they exist.
const Q = (spark, duck = spark, needs = []) => ({ spark, duck, needs });
const QUERIES = [
  // Projections and arithmetic.
  Q('SELECT id, g + 1, v * 2, g - v, -g, v * -1 FROM t1'),
  Q('SELECT id, d * 2.5, d + x, x - d, -d FROM t1'),
  Q('SELECT id, dec + dec, dec * 3, dec - 1.25, dec * dec, -dec FROM t1'),
  Q('SELECT id, g / 4, v / 3, d / 8, dec / 4 FROM t1'),
  // Division by zero is NULL in Spark, infinite in DuckDB.
  Q('SELECT id, g / (g - 1), d / (g - 1) FROM t1',
    'SELECT id, g / nullif(g - 1, 0), d / nullif(g - 1, 0) FROM t1'),
  Q('SELECT id, g % 7, v % 1000, dec % 3, d % 2.5 FROM t1'),
  Q('SELECT id, g DIV 3, v DIV 7 FROM t1', 'SELECT id, g // 3, v // 7 FROM t1'),
  Q('SELECT id, dec + d, v + dec, g * dec, g + d FROM t1'),
  Q('SELECT id, (g + v) * (g - 1), (d - 1) * (d + 1) FROM t1'),
  Q("SELECT id, CASE WHEN g > 10 THEN 'big' WHEN g > 1 THEN 'mid' ELSE 'small' END FROM t1"),
  Q('SELECT id, CASE g WHEN 1 THEN d WHEN 2 THEN x END, CASE WHEN b THEN dec ELSE -dec END FROM t1'),
  Q("SELECT id, coalesce(g, -1), coalesce(s, 'none'), coalesce(d, x, 0), nullif(g, 1) FROM t1"),
  Q("SELECT id, g = 1, g <> 1, g < 5, d >= 0, s > 'm', dt <= DATE '2021-03-01' FROM t1"),
  Q('SELECT id, CAST(g AS DOUBLE) / 3, CAST(g AS BIGINT) * 1000000000, CAST(dec AS DOUBLE) FROM t1'),
  Q('SELECT id, CAST(g AS DECIMAL(12,2)) + dec, CAST(v AS STRING), CAST(s AS STRING) FROM t1'),
  Q('SELECT id, b AND g > 5, b OR d < 0, NOT b, (b OR g IS NULL) AND NOT (d > 0) FROM t1'),
  Q('SELECT id, g IS NULL, s IS NOT NULL, g <=> 1, g <=> NULL FROM t1',
    'SELECT id, g IS NULL, s IS NOT NULL, g IS NOT DISTINCT FROM 1, g IS NOT DISTINCT FROM NULL FROM t1'),
  Q('SELECT id, g IS DISTINCT FROM n, s IS NOT DISTINCT FROM NULL FROM t2'),
  Q("SELECT id, g, s, w, dt, n FROM t2"),
  Q("SELECT 1 + 2, 10 / 4, 7 % 3, 1.5 * 2, 'lit', DATE '2024-02-29', NULL IS NULL"),
  Q('SELECT id * 2 AS twice, twice + 1 FROM (SELECT id FROM t1) WHERE id < 50',
    'SELECT id * 2 AS twice, id * 2 + 1 FROM (SELECT id FROM t1) WHERE id < 50'),
  Q('SELECT t.* FROM t3 AS t'),
  Q('SELECT * FROM e'),
  Q('SELECT a + b, c FROM VALUES (1, 2, \'x\'), (NULL, 3, NULL), (4, NULL, \'y\') AS v(a, b, c)',
    'SELECT a + b, c FROM (VALUES (1, 2, \'x\'), (NULL, 3, NULL), (4, NULL, \'y\')) AS v(a, b, c)'),
  Q('SELECT g2, g FROM (SELECT g, g + 1 AS g2 FROM (SELECT g FROM t3 WHERE lim > 5))'),
  Q('SELECT g AS k, lim FROM t3 ORDER BY k DESC, lim, s'),
  Q('SELECT g + lim AS k FROM t3 ORDER BY k NULLS LAST, s'),

  // WHERE.
  Q('SELECT id FROM t1 WHERE g = 1 AND d > 0'),
  Q("SELECT id FROM t1 WHERE g = 1 OR s = 'alpha'"),
  Q('SELECT id FROM t1 WHERE NOT (g = 1)'),
  Q('SELECT id FROM t1 WHERE NOT (g = 1 OR b)'),
  Q('SELECT id FROM t1 WHERE g IN (2, 3, 5, 7)'),
  Q('SELECT id FROM t1 WHERE g NOT IN (2, 3, 5)'),
  Q('SELECT id FROM t1 WHERE g NOT IN (2, NULL)'),
  Q('SELECT id FROM t1 WHERE g IN (1, NULL)'),
  Q("SELECT id FROM t1 WHERE s IN ('alpha', 'beta', 'zz', 'nothing')"),
  Q('SELECT id FROM t1 WHERE dec IN (1.5, 10, -3.25) OR d IN (0, 0.5)'),
  Q('SELECT id FROM t1 WHERE d BETWEEN -10 AND 10'),
  Q('SELECT id FROM t1 WHERE g NOT BETWEEN 2 AND 20'),
  Q("SELECT id FROM t1 WHERE dt BETWEEN DATE '2021-01-01' AND DATE '2021-06-30'"),
  Q("SELECT id FROM t1 WHERE dt > '2022-01-01'"),
  Q("SELECT id FROM t1 WHERE s BETWEEN 'b' AND 'l'"),
  Q('SELECT id FROM t1 WHERE g IS NULL'),
  Q('SELECT id FROM t1 WHERE s IS NULL AND g IS NOT NULL'),
  Q('SELECT id FROM t1 WHERE b'),
  Q('SELECT id FROM t1 WHERE NOT b'),
  Q('SELECT id FROM t1 WHERE b IS NULL OR b = false'),
  Q('SELECT id FROM t1 WHERE dec > 100.5 AND dec < 2000'),
  Q('SELECT id FROM t1 WHERE v > 0 AND (d < 0 OR x > 500)'),
  Q('SELECT id FROM t1 WHERE id % 100 = 7'),
  Q('SELECT id FROM t1 WHERE g = id % 31'),
  Q('SELECT id FROM t1 WHERE d = x OR d > x + 900'),
  Q('SELECT id FROM t1 WHERE false'),
  Q('SELECT id FROM t1 WHERE g IN (1.5, 2, 3.0)'),
  Q('SELECT id FROM t1 WHERE d IN (g, x, v)'),
  Q('SELECT id FROM t1 WHERE (g > 5 AND g < 8) OR (g > 20 AND NOT b) OR s IN (\'mu\', NULL)'),
  Q('SELECT id FROM t1 WHERE NULL'),
  Q("SELECT id FROM t1 WHERE s LIKE 'a%'", undefined, ['like']),
  Q("SELECT id FROM t1 WHERE s LIKE '%ta' OR s LIKE '_e%'", undefined, ['like']),
  Q("SELECT id FROM t1 WHERE s NOT LIKE '%a%'", undefined, ['like']),
  Q("SELECT id FROM t1 WHERE s LIKE 'a\\_b' OR s LIKE '50\\%'",
    "SELECT id FROM t1 WHERE s LIKE 'a\\_b' ESCAPE '\\' OR s LIKE '50\\%' ESCAPE '\\'", ['like']),

  // GROUP BY and aggregates.
  Q('SELECT g, count(*), count(s), sum(v), min(d), max(d) FROM t1 GROUP BY g'),
  Q('SELECT s, count(*), avg(g), sum(dec), min(dt), max(dt) FROM t1 GROUP BY s'),
  Q('SELECT b, count(DISTINCT g), count(DISTINCT s), count(DISTINCT dt) FROM t1 GROUP BY b'),
  Q('SELECT g, b, sum(d), avg(d), avg(v) FROM t1 GROUP BY g, b'),
  Q('SELECT dt, count(*), min(s), max(s) FROM t1 GROUP BY dt'),
  Q('SELECT g % 5, count(*) FROM t1 GROUP BY g % 5'),
  Q('SELECT count(*), count(g), sum(g), avg(v), min(s), max(s), min(b), max(b) FROM t1'),
  Q('SELECT sum(dec), min(dec), max(dec), sum(x), avg(d) FROM t1'),
  Q('SELECT count(*), sum(g), max(s), avg(lim), count(DISTINCT s) FROM e'),
  Q('SELECT g, count(*) FROM e GROUP BY g'),
  Q('SELECT g, sum(d) FILTER (WHERE b), count(*) FILTER (WHERE s IS NULL) FROM t1 GROUP BY g'),
  Q('SELECT s, count(*) FROM t1 WHERE g IS NULL GROUP BY s'),
  Q('SELECT g, max(v) - min(v), sum(v) / count(v) FROM t1 GROUP BY g'),
  Q('SELECT avg(g) FROM t1 GROUP BY s'),
  Q('SELECT g, sum(g) FROM t1 GROUP BY 1'),
  Q('SELECT g + 1 AS k, count(*) FROM t1 GROUP BY g + 1'),
  Q('SELECT s, sum(CASE WHEN b THEN 1 ELSE 0 END), count(b) FROM t1 GROUP BY s'),
  Q('SELECT n, g, count(*), sum(w), min(w), max(dt) FROM t2 GROUP BY n, g'),
  Q('SELECT s, dt, count(*) FROM t2 GROUP BY s, dt'),
  Q('SELECT d, count(*) FROM t1 GROUP BY d'),
  Q('SELECT dec, count(*) FROM t1 GROUP BY dec'),
  Q('SELECT count(*) FROM (SELECT g, s FROM t1 GROUP BY g, s)'),
  Q('SELECT g, count(*) c FROM t1 GROUP BY g HAVING count(*) > 50'),
  Q('SELECT g, sum(v) FROM t1 GROUP BY g HAVING sum(v) > 0 AND min(d) < 0'),
  Q('SELECT s FROM t1 GROUP BY s HAVING count(DISTINCT g) > 5'),
  Q('SELECT sum(v) FROM t1 HAVING count(*) > 0'),
  Q('SELECT sum(lim) FROM e HAVING count(*) > 0'),
  Q('SELECT g, count(*) AS c FROM t1 GROUP BY g HAVING c > 100'),
  Q('SELECT dt, count(*) FROM t1 GROUP BY dt HAVING count(*) > 4 AND max(g) > 20'),
  Q('SELECT s, avg(d) FROM t1 GROUP BY s HAVING avg(d) > 0 OR s IS NULL'),

  // ORDER BY, LIMIT, OFFSET.
  Q('SELECT id, g FROM t1 ORDER BY g, id'),
  Q('SELECT id, g FROM t1 ORDER BY g DESC, id'),
  Q('SELECT id, g FROM t1 ORDER BY g NULLS LAST, id DESC'),
  Q('SELECT id, g FROM t1 ORDER BY g DESC NULLS FIRST, id'),
  Q('SELECT id, s, d FROM t1 ORDER BY s, d DESC, id'),
  Q('SELECT id, dt FROM t1 ORDER BY dt DESC NULLS LAST, id LIMIT 20'),
  Q('SELECT id, d FROM t1 ORDER BY d, id LIMIT 10 OFFSET 5'),
  Q('SELECT id, dec FROM t1 ORDER BY dec DESC, id LIMIT 50'),
  Q('SELECT g, count(*) c FROM t1 GROUP BY g ORDER BY c DESC, g'),
  Q('SELECT id, b FROM t1 ORDER BY b, id'),
  Q('SELECT id FROM t1 ORDER BY 1 DESC LIMIT 7'),
  Q('SELECT id, x FROM t1 ORDER BY id % 10, x DESC, id'),
  Q('SELECT s FROM t1 WHERE g = 3 ORDER BY x DESC, id'),
  Q('SELECT g FROM t1 GROUP BY g ORDER BY count(*) DESC, g'),
  Q('SELECT id FROM t1 ORDER BY id LIMIT 10 OFFSET 3995'),
  Q('SELECT id FROM t1 ORDER BY id LIMIT 0'),
  Q('SELECT id FROM t1 ORDER BY id LIMIT 5 OFFSET 10000'),
  Q('SELECT count(*) FROM (SELECT * FROM t1 LIMIT 100)'),
  Q('SELECT id, n, w FROM t2 ORDER BY n DESC, w, id, g LIMIT 100'),
  Q('SELECT g, lim FROM t3 ORDER BY g NULLS LAST, lim DESC, s NULLS LAST'),

  // DISTINCT.
  Q('SELECT DISTINCT g FROM t1'),
  Q('SELECT DISTINCT s, b FROM t1'),
  Q('SELECT DISTINCT g % 3, s IS NULL FROM t1'),
  Q('SELECT DISTINCT d FROM t1'),
  Q('SELECT DISTINCT dt FROM t2'),
  Q('SELECT count(*) FROM (SELECT DISTINCT g, s FROM t1)'),
  Q('SELECT DISTINCT g FROM t1 ORDER BY g LIMIT 5'),
  Q('SELECT DISTINCT * FROM e'),

  // Joins.
  Q('SELECT t1.id, t2.id, t1.s, t2.s FROM t1 JOIN t2 ON t1.id = t2.id'),
  Q('SELECT t1.id, t2.id, t2.n FROM t1 LEFT JOIN t2 ON t1.id = t2.id'),
  Q('SELECT t1.id, t2.id, t2.n FROM t1 RIGHT JOIN t2 ON t1.id = t2.id'),
  Q('SELECT t1.id, t2.id, t1.g, t2.g FROM t1 FULL JOIN t2 ON t1.id = t2.id'),
  Q('SELECT t1.id, t2.id FROM t1 FULL OUTER JOIN t2 ON t1.id = t2.id AND t2.n > 3'),
  Q('SELECT t1.id, t2.id FROM t1 LEFT JOIN t2 ON t1.id = t2.id AND t1.g = 1'),
  Q('SELECT t1.id, t2.id FROM t1 RIGHT JOIN t2 ON t1.id = t2.id AND t1.d > t2.w'),
  Q('SELECT id, t1.g, t2.g FROM t1 JOIN t2 USING (id)'),
  Q('SELECT id, t1.s, t2.s FROM t1 LEFT JOIN t2 USING (id)'),
  Q('SELECT id, t1.s, t2.s FROM t1 RIGHT JOIN t2 USING (id)'),
  Q('SELECT id, t1.s, t2.s FROM t1 FULL JOIN t2 USING (id)'),
  Q('SELECT * FROM t3 JOIN t2 USING (g, s)'),
  Q('SELECT count(*), count(t2.id), sum(t1.v) FROM t1 JOIN t2 ON t1.g = t2.g'),
  Q('SELECT t1.g, count(*), count(t2.g) FROM t1 LEFT JOIN t2 ON t1.g = t2.g GROUP BY t1.g'),
  Q('SELECT t3.g, t3.lim, count(t1.id) FROM t1 RIGHT JOIN t3 ON t1.g = t3.g GROUP BY t3.g, t3.lim'),
  Q('SELECT t3.g, t3.lim, count(*) FROM t3 JOIN t1 ON t1.g < t3.lim GROUP BY t3.g, t3.lim'),
  Q('SELECT a.g, b.g, a.lim FROM t3 a JOIN t3 b ON a.g < b.g'),
  Q("SELECT a.g, b.g, b.lim FROM t3 a LEFT JOIN t3 b ON a.g > b.lim AND b.s = 'alpha'"),
  Q('SELECT a.lim, b.g, a.s, b.s FROM t3 a FULL JOIN t3 b ON a.lim = b.g + 1 AND a.s < b.s'),
  Q('SELECT a.lim, b.lim FROM t3 a FULL JOIN t3 b ON a.lim > b.lim + 30'),
  Q('SELECT count(*), sum(a.lim * b.lim) FROM t3 a CROSS JOIN t3 b'),
  Q('SELECT a.g, b.lim FROM t3 a CROSS JOIN t3 b WHERE a.g = b.lim'),
  Q('SELECT a.g, b.g FROM t3 a CROSS JOIN e b'),
  Q('SELECT * FROM t1 SEMI JOIN t2 ON t1.id = t2.id'),
  Q('SELECT * FROM t1 ANTI JOIN t2 ON t1.id = t2.id'),
  Q('SELECT id FROM t1 SEMI JOIN t2 ON t1.id = t2.id AND t1.g < t2.n'),
  Q('SELECT id, g FROM t1 ANTI JOIN t3 ON t1.g = t3.g'),
  Q('SELECT g, lim FROM t3 SEMI JOIN t1 ON t3.lim > t1.g AND t1.s = t3.s'),
  Q('SELECT g, lim FROM t3 ANTI JOIN t1 ON t3.lim < t1.g - 20'),
  Q('SELECT * FROM t3 ANTI JOIN e ON t3.g = e.g'),
  Q('SELECT * FROM t3 SEMI JOIN e ON t3.g = e.g'),
  Q('SELECT t3.g, e.lim FROM t3 LEFT JOIN e ON t3.g = e.g'),
  Q('SELECT t3.g, e.lim FROM e RIGHT JOIN t3 ON t3.g = e.g'),
  Q('SELECT * FROM t3 JOIN e ON t3.g = e.g'),
  Q('SELECT t1.id, t2.id FROM t1 JOIN t2 ON t1.id = t2.id + 1'),
  Q('SELECT t1.id, t2.id FROM t1 JOIN t2 ON t1.g = t2.n AND t1.s = t2.s AND t1.dt = t2.dt'),
  Q('SELECT t1.id, t2.id FROM t1 JOIN t2 ON t1.v = t2.id'),
  Q('SELECT t1.id, t2.id FROM t1 JOIN t2 ON t1.d = t2.w AND t1.g = t2.g'),
  Q('SELECT t1.id, t2.n, t3.lim FROM t1 JOIN t2 ON t1.id = t2.id JOIN t3 ON t2.n = t3.g'),
  Q('SELECT t1.id, t3.lim FROM t1, t3 WHERE t1.g = t3.g AND t1.id < 500'),
  Q('SELECT t1.id FROM t1 LEFT JOIN t2 ON t1.id = t2.id WHERE t2.id IS NULL'),
  Q('SELECT a.g, b.g FROM t3 a JOIN t3 b ON a.g <=> b.g',
    'SELECT a.g, b.g FROM t3 a JOIN t3 b ON a.g IS NOT DISTINCT FROM b.g'),
  Q('SELECT t3.g, x.c FROM t3 JOIN (SELECT g, count(*) c FROM t1 GROUP BY g) x ON t3.g = x.g'),
  Q('SELECT a.id, b.id FROM t2 a JOIN t2 b ON a.id = b.id AND a.n <> b.n'),
  Q('SELECT * FROM t3 NATURAL JOIN t2'),
  Q('SELECT * FROM t3 NATURAL LEFT JOIN e'),
  Q('SELECT a.g, b.g FROM e a FULL JOIN e b ON a.g = b.g'),
  Q('SELECT t3.lim, e.g FROM e RIGHT JOIN t3 ON e.lim < t3.lim'),
  Q('SELECT t1.id, t2.id FROM t1 JOIN t2 ON t1.id = t2.id AND (t1.b OR t2.n IS NULL)'),
  Q('SELECT t1.id, t2.id FROM t1 LEFT JOIN t2 ON t1.id = t2.id WHERE t2.n > 5 OR t1.g IS NULL'),
  Q('SELECT a.g, b.lim FROM t3 a RIGHT JOIN t3 b ON a.lim < b.g'),
  Q('SELECT t3.g, t2.id FROM t3 LEFT JOIN t2 ON t2.g = t3.g AND t2.n = t3.lim % 10 AND t2.w > 0'),
  Q('SELECT x.g, y.g FROM (SELECT DISTINCT g FROM t1) x FULL JOIN (SELECT DISTINCT g FROM t2) y ON x.g = y.g'),
  Q('SELECT a.s, count(*) FROM t3 a JOIN t3 b ON a.s = b.s JOIN t3 c ON b.g = c.g GROUP BY a.s'),

  // Set operations.
  Q('SELECT g FROM t1 UNION SELECT g FROM t2'),
  Q('SELECT g FROM t1 UNION ALL SELECT g FROM t2'),
  Q('SELECT g, s FROM t1 INTERSECT SELECT g, s FROM t2'),
  Q('SELECT g, s FROM t1 INTERSECT ALL SELECT g, s FROM t2'),
  Q('SELECT g, s FROM t1 EXCEPT SELECT g, s FROM t2'),
  Q('SELECT g, s FROM t1 EXCEPT ALL SELECT g, s FROM t2'),
  Q('SELECT s FROM t1 EXCEPT SELECT s FROM t3'),
  Q('SELECT g FROM t1 UNION SELECT d FROM t1'),
  Q('SELECT g, lim FROM t3 UNION ALL SELECT g, lim FROM e'),
  Q('SELECT g FROM t3 INTERSECT SELECT g FROM e'),
  Q('(SELECT g FROM t1 EXCEPT SELECT g FROM t3) UNION SELECT n FROM t2'),
  Q('SELECT g FROM t1 UNION SELECT g FROM t2 INTERSECT SELECT lim FROM t3'),
  Q('SELECT g FROM t1 UNION SELECT n FROM t2 ORDER BY g DESC LIMIT 5'),
  Q('SELECT count(*) FROM (SELECT s, dt FROM t1 UNION SELECT s, dt FROM t2)'),
  Q('SELECT dec FROM t1 WHERE g = 2 UNION ALL SELECT w FROM t2 WHERE n = 2'),
  Q('SELECT g FROM t1 UNION SELECT dec FROM t1 WHERE g = 5'),
  Q('SELECT g, s FROM t3 EXCEPT ALL SELECT g, s FROM t3 WHERE lim > 20'),
  Q('(SELECT g FROM t1 ORDER BY g DESC LIMIT 3) UNION ALL (SELECT lim FROM t3 ORDER BY lim LIMIT 2)'),
  Q('SELECT s FROM t1 WHERE g = 7 UNION ALL SELECT s FROM t1 WHERE g = 7 EXCEPT SELECT s FROM t3'),
  Q('SELECT * FROM (SELECT g FROM t1 INTERSECT ALL SELECT g FROM t1 WHERE b) ORDER BY g'),

  // CTEs.
  Q('WITH a AS (SELECT g, count(*) c FROM t1 GROUP BY g) SELECT * FROM a WHERE c > 10'),
  Q('WITH a AS (SELECT g, sum(v) sv FROM t1 GROUP BY g), b AS (SELECT g, count(*) c FROM t2 GROUP BY g) ' +
    'SELECT a.g, sv, c FROM a FULL JOIN b ON a.g = b.g'),
  Q('WITH a AS (SELECT g, s FROM t1 WHERE b) SELECT x.g, count(*) FROM a x JOIN a y ON x.s = y.s GROUP BY x.g'),
  Q('WITH a AS (SELECT * FROM t3 WHERE lim > 10), b AS (SELECT g FROM a WHERE s IS NOT NULL) SELECT * FROM b'),
  Q('SELECT * FROM (WITH a AS (SELECT n FROM t2) SELECT n, count(*) FROM a GROUP BY n)'),
  Q('WITH a AS (SELECT g, lim FROM t3) SELECT id FROM t1 WHERE g IN (SELECT lim FROM a WHERE a.g > 5)'),
  Q('WITH a AS (SELECT g FROM t1 WHERE v > 0) SELECT g, count(*) FROM a GROUP BY g ' +
    'UNION ALL SELECT NULL, count(*) FROM a'),
  Q('SELECT * FROM (SELECT id, d FROM t1 ORDER BY d DESC, id LIMIT 10) ORDER BY id'),
  Q('SELECT g, sub.m FROM t3 JOIN (SELECT n, max(w) m FROM t2 GROUP BY n) sub ON t3.lim = sub.n'),

  // Subqueries.
  Q('SELECT id, g - (SELECT max(g) FROM t3) FROM t1'),
  Q('SELECT id FROM t1 WHERE d > (SELECT avg(d) FROM t1)'),
  Q('SELECT g, lim, (SELECT count(*) FROM t1 WHERE t1.g = t3.g) FROM t3'),
  Q('SELECT g, lim, (SELECT max(w) FROM t2 WHERE t2.n = t3.lim AND t2.g > t3.g) FROM t3'),
  Q('SELECT * FROM t3 WHERE lim > (SELECT count(*) FROM t1 WHERE t1.g = t3.g) / 100'),
  Q('SELECT id FROM t1 WHERE g IN (SELECT n FROM t2)'),
  Q('SELECT id FROM t1 WHERE g NOT IN (SELECT g FROM t3)'),
  Q('SELECT id FROM t1 WHERE g NOT IN (SELECT g FROM t3 WHERE g IS NOT NULL)'),
  Q('SELECT id, g FROM t1 WHERE g NOT IN (SELECT g FROM e)'),
  Q('SELECT id, g IN (SELECT g FROM t3), g NOT IN (SELECT lim FROM t3) FROM t1'),
  Q('SELECT g, lim FROM t3 WHERE lim IN (SELECT n FROM t2 WHERE t2.g = t3.g)'),
  Q('SELECT g, lim FROM t3 WHERE lim NOT IN (SELECT n FROM t2 WHERE t2.g = t3.g)'),
  Q('SELECT * FROM t3 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.n = t3.g)'),
  Q('SELECT * FROM t3 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.n = t3.g AND t2.s = t3.s)'),
  Q('SELECT id FROM t1 WHERE EXISTS (SELECT 1 FROM e)'),
  Q('SELECT id FROM t1 WHERE NOT EXISTS (SELECT 1 FROM e) AND id < 10'),
  Q('SELECT id FROM t1 WHERE EXISTS (SELECT 1 FROM t3 WHERE t3.lim > t1.g AND t3.s = t1.s)'),
  Q('SELECT g, count(*), (SELECT count(*) FROM t3 WHERE t3.g = t1.g) FROM t1 GROUP BY g'),
  Q('SELECT avg(c), max(c) FROM (SELECT g, count(*) c FROM t1 GROUP BY g)'),
  Q('SELECT g FROM t3 WHERE g IN (SELECT g FROM t2 WHERE n IN (SELECT lim FROM t3))'),
  Q('SELECT * FROM t3 a WHERE EXISTS (SELECT 1 FROM t3 b WHERE b.g = a.g AND b.lim <> a.lim ' +
    'AND EXISTS (SELECT 1 FROM t2 c WHERE c.n = b.lim % 10 AND c.g = a.g))'),
  Q('SELECT g, count(*) FROM t1 GROUP BY g HAVING count(*) > (SELECT count(*) FROM t3)'),
  Q('SELECT g, count(*) FROM t1 GROUP BY g HAVING g NOT IN (SELECT lim FROM t3 WHERE t3.g = t1.g)'),
  Q('SELECT s, max(v) FROM t1 GROUP BY s HAVING EXISTS (SELECT 1 FROM t3 WHERE t3.s = t1.s AND t3.lim > 30)'),
  Q('SELECT g, (SELECT max(lim) FROM t3 WHERE t3.g = t1.g) m FROM t1 GROUP BY g ORDER BY m DESC, g'),
  Q('SELECT id, (SELECT lim FROM t3 WHERE t3.g = -999) FROM t1 WHERE id < 5'),
  Q('SELECT g, s FROM t3 WHERE (g, s) IN (SELECT g, s FROM t2)'),
  Q('SELECT g, s FROM t3 WHERE (g, s) NOT IN (SELECT g, s FROM t2 WHERE g IS NOT NULL AND s IS NOT NULL)'),
  Q('SELECT id FROM t1 WHERE g = 4 AND v > (SELECT avg(v) FROM t1 x WHERE x.g = t1.g)'),

  // ROLLUP, CUBE, GROUPING SETS.
  Q('SELECT g, b, count(*) FROM t1 GROUP BY ROLLUP(g, b)'),
  Q('SELECT b, s, count(*), sum(dec) FROM t1 GROUP BY CUBE(b, s)'),
  Q('SELECT g, s, count(*), max(d) FROM t1 GROUP BY GROUPING SETS ((g), (s), ())'),
  Q('SELECT g, b, grouping(g), grouping(b), count(*) FROM t1 GROUP BY CUBE(g, b)'),
  Q('SELECT g, b, grouping(g), grouping(b) FROM t1 GROUP BY CUBE(g, b) ORDER BY grouping(g), grouping(b), g, b'),
  Q('SELECT n, g, sum(w) FROM t2 GROUP BY ROLLUP(n, g) HAVING sum(w) > 0'),
  Q('SELECT b, count(*) FROM t1 GROUP BY ROLLUP(b) ORDER BY b NULLS LAST, 2'),
  Q('SELECT s, dt, count(*) FROM t2 GROUP BY GROUPING SETS ((s, dt), (dt))'),
  // Not here: ROLLUP over no rows (Spark gives no row, DuckDB the grand total).
];

// Queries both engines must refuse (Spark refuses them too).
const ERRORS = [
  'SELECT (SELECT g FROM t3)',
  'SELECT g FROM t1 JOIN t2 ON t1.id = t2.id',
  'SELECT nosuch FROM t1',
  'SELECT g, lim FROM t3 GROUP BY g',
  'SELECT g FROM t3 UNION SELECT g, lim FROM t3',
  'SELECT g FROM t3 WHERE count(*) > 1',
  'SELECT g FROM t3 WHERE g IN (SELECT g, lim FROM t3)',
  'SELECT id FROM t1 WHERE g = (SELECT lim FROM t3 WHERE t3.g = t1.g)',
  'SELECT * FROM nosuchtable',
];

// Java's Double.toString spellings and DuckDB's numbers are compared as numbers.
function isNumber(text) {
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text);
}

function cellsEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || !isNumber(a) || !isNumber(b)) return false;
  if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) return BigInt(a) === BigInt(b);
  const x = Number(a), y = Number(b);
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

// Text a row sorts by: numbers to 12 digits, so that tolerance differences sort alike.
function sortKey(row) {
  return row.map((c) => (c === null ? '\u0000' : isNumber(c) ? Number(c).toPrecision(12) : c)).join('\u0001');
}

function isOrdered(sql) {
  return /ORDER BY[^()]*$/i.test(sql);
}

function rowsEqual(a, b) {
  return a.length === b.length && a.every((row, i) => row.length === b[i].length &&
    row.every((cell, j) => cellsEqual(cell, b[i][j])));
}

function show(rows) {
  const lines = rows.slice(0, 15).map((r) => r.map((c) => (c === null ? 'NULL' : c)).join('\t'));
  if (rows.length > 15) lines.push(`... (${rows.length} rows)`);
  return lines.join('\n');
}

function firstDifference(a, b) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!a[i] || !b[i] || !rowsEqual([a[i]], [b[i]])) return i;
  }
  return -1;
}

function csvCell(v) {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

test('SQL queries answer as DuckDB does on generated tables', async (t) => {
  const dir = tempDir(t);
  const db = await DuckDBInstance.create(':memory:');
  const duck = await db.connect();
  // Spark's default NULL order.
  await duck.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
  const views = [];
  const r = rng(20261201);
  for (const [name, [columns, count, format, generate]] of Object.entries(TABLES)) {
    const csv = path.join(dir, `${name}.csv`);
    const lines = [columns.map((c) => c[0]).join(',')];
    for (let i = 0; i < count; i++) lines.push(generate(r, i).map(csvCell).join(','));
    writeFileSync(csv, lines.join('\n') + '\n');
    const duckColumns = columns.map((c) => `'${c[0]}': '${c[2]}'`).join(', ');
    await duck.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${csv}', header = true, ` +
      `columns = {${duckColumns}})`);
    const sparkColumns = columns.map((c) => `${c[0]} ${c[1]}`).join(', ');
    if (format === 'csv') {
      views.push(`CREATE TEMPORARY VIEW ${name} (${sparkColumns}) USING csv ` +
        `OPTIONS (path '${csv}', header 'true')`);
    } else {
      const file = path.join(dir, `${name}.parquet`);
      await duck.run(`COPY ${name} TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
      views.push(`CREATE TEMPORARY VIEW ${name} USING parquet OPTIONS (path '${file}')`);
    }
  }
  const count = (await duck.runAndReadAll('SELECT count(*) FROM t1')).getRowsJson()[0][0];
  assert.equal(Number(count), TABLES.t1[1], 'DuckDB read the generated CSV');

  const run = (script) => sluice(['sql', '--warehouse', path.join(dir, 'wh'), '--format', 'tsv', '-e', script]);
  const functions = new Set(run('SHOW FUNCTIONS').stdout.split('\n'));
  const failures = [];
  let compared = 0;
  for (const { spark, duck: duckSql, needs } of QUERIES) {
    const missing = needs.filter((f) => !functions.has(f));
    if (missing.length > 0) {
      t.diagnostic(`skipped until Sluice has ${missing.join(', ')}: ${spark}`);
      continue;
    }
    let expected;
    try {
      const reader = await duck.runAndReadAll(duckSql);
      expected = reader.getRowsJson().map((row) => row.map((v) => (v === null ? null : String(v))));
    } catch (e) {
      failures.push(`DuckDB cannot run ${duckSql}: ${e.message}`);
      continue;
    }
    const out = run(`${views.join(';\n')};\n${spark}`);
    if (out.code !== 0) {
      failures.push(`${spark}\n  Sluice failed: ${out.stderr.trim()}\n  DuckDB:\n${show(expected)}`);
      continue;
    }
    let actual = out.stdout.split('\n');
    if (actual.at(-1) === '') actual.pop();
    actual = actual.map((line) => line.split('\t').map((c) => (c === 'NULL' ? null : c)));
    if (!isOrdered(spark)) {
      const byKey = (x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0);
      actual.sort(byKey);
      expected.sort(byKey);
    }
    compared++;
    if (!rowsEqual(actual, expected)) {
      const at = firstDifference(actual, expected);
      failures.push(`${spark}\n  first difference at row ${at}: Sluice ${JSON.stringify(actual[at])}` +
        ` DuckDB ${JSON.stringify(expected[at])}\n  Sluice (${actual.length} rows):\n${show(actual)}` +
        `\n  DuckDB (${expected.length} rows):\n${show(expected)}`);
    }
  }
  for (const sql of ERRORS) {
    const duckError = await duck.runAndReadAll(sql).then(() => null, (e) => e.message);
    const out = run(`${views.join(';\n')};\n${sql}`);
    if (duckError === null) failures.push(`DuckDB answers ${sql}, expected to refuse it`);
    // Exit code 2 is a reported error; anything else (0, a signal) is not.
    if (out.code !== 2 || /internal/i.test(out.stderr))
      failures.push(`${sql}\n  Sluice exit code ${out.code}, expected an error:\n` +
        `${out.stdout.slice(0, 500)}${out.stderr}`);
  }
  assert.ok(compared > 100, `only ${compared} queries compared`);
  assert.equal(failures.length, 0, `${failures.length} of ${compared} queries differ:\n\n${failures.join('\n\n')}`);
});
