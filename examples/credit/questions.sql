-- The two SQL questions of the original project, on its fixtures (CSV copies of its SQL
-- inserts in ../shared/seeds/sequra). Run from the repository root:
--   sluice sql -f examples/credit/questions.sql
CREATE TEMPORARY VIEW fact_credit_d (
  credit_id INT, record_date DATE, ext_fin_id INT, principal INT, interest INT,
  days_unbalanced INT)
USING csv OPTIONS (path '../shared/seeds/sequra/sql_1.fact_credit_d.csv', header 'true');
CREATE TEMPORARY VIEW dim_ext_fin (ext_fin_id INT, name STRING, start_date DATE)
USING csv OPTIONS (path '../shared/seeds/sequra/sql_1.dim_ext_fin.csv', header 'true');
CREATE TEMPORARY VIEW fact_economic_events_d (
  credit_id INT, economic_event_id INT, record_date DATE, type STRING, amount INT)
USING csv OPTIONS (path '../shared/seeds/sequra/sql_1.fact_economic_events_d.csv', header 'true');
CREATE TEMPORARY VIEW dim_merchants (
  merchant_id INT, name STRING, sector STRING, live_on DATE, api_status STRING, updated_at DATE)
USING csv OPTIONS (path '../shared/seeds/sequra/sql_2.dim_merchants.csv', header 'true');

-- Q1: the chargebacks of 2022 produced by the external financier Fund2, a credit's
-- financier being the one of its latest 2022 snapshot.
WITH latest_2022 AS (
  SELECT credit_id, ext_fin_id FROM fact_credit_d
  WHERE year(record_date) = 2022
  QUALIFY row_number() OVER (PARTITION BY credit_id ORDER BY record_date DESC) = 1)
SELECT e.credit_id, e.economic_event_id, e.record_date, e.type, e.amount
FROM fact_economic_events_d e
JOIN latest_2022 c ON c.credit_id = e.credit_id
JOIN dim_ext_fin f ON f.ext_fin_id = c.ext_fin_id
WHERE e.type = 'chargeback' AND year(e.record_date) = 2022 AND f.name = 'Fund2'
ORDER BY e.credit_id, e.economic_event_id;

-- Q2: the yearly growth of merchants whose API access is allowed, by the year they went
-- live (merchants without a live date have no year and are left out; the first year has
-- no previous one).
WITH per_year AS (
  SELECT year(live_on) AS year, count(*) AS current FROM dim_merchants
  WHERE api_status = 'allowed' AND live_on IS NOT NULL
  GROUP BY year(live_on)),
with_previous AS (
  SELECT year, current, lag(current) OVER (ORDER BY year) AS previous FROM per_year)
SELECT year, current, previous, ceil((current - previous) / previous * 100) AS growth
FROM with_previous
WHERE previous IS NOT NULL
ORDER BY year;
