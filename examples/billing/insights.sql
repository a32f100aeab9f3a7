-- The billing insights, recomputed from the table `billing` after each load. Credits used
-- are -credit_usage (usage is negative); spend is in EUR at the rates below. Each insight
-- is a Parquet table in the warehouse and a CSV copy under ${out}.
CREATE OR REPLACE TEMPORARY VIEW eur_rates (currency, rate) AS
VALUES ('EUR', 1.0D), ('USD', 0.901726D), ('JPY', 0.006073D);

CREATE OR REPLACE TEMPORARY VIEW usage AS
SELECT b.*, -b.credit_usage AS credits, -b.credit_usage * r.rate AS eur
FROM billing b LEFT JOIN eur_rates r ON r.currency = b.currency;

-- Spend per hour and kind of work.
DROP TABLE IF EXISTS hourly_spend;
CREATE TABLE hourly_spend USING parquet AS
SELECT date_trunc('HOUR', timestamp) AS hour, region, service_tier, operation_type, resource_type,
       round(sum(eur), 6) AS spend_eur, round(sum(credits), 6) AS credits_used,
       count_if(success) AS successful_operations, count(*) AS operations,
       count(DISTINCT user_id) AS users, count(DISTINCT resource_id) AS resources
FROM usage
GROUP BY ALL;

-- Usage per day by region and currency.
DROP TABLE IF EXISTS daily_usage;
CREATE TABLE daily_usage USING parquet AS
SELECT to_date(timestamp) AS date, region, currency, round(sum(credits), 6) AS credits_used,
       count(*) AS operations
FROM usage
GROUP BY ALL;

-- Usage by service tier and operation type.
DROP TABLE IF EXISTS tier_usage;
CREATE TABLE tier_usage USING parquet AS
SELECT service_tier, operation_type, round(sum(credits), 6) AS credits_used,
       round(sum(eur), 6) AS spend_eur, count(*) AS operations
FROM usage
GROUP BY ALL;

-- When each user was first and last seen.
DROP TABLE IF EXISTS user_activity;
CREATE TABLE user_activity USING parquet AS
SELECT user_id, min(timestamp) AS first_seen, max(timestamp) AS last_seen, count(*) AS operations
FROM usage
GROUP BY user_id;

-- Each user's service tier over time (a slowly changing dimension, type 2): a row per run
-- of the same tier, valid from its first operation until the next run's first operation
-- (NULL while current). Operations at the same instant are ordered by resource.
DROP TABLE IF EXISTS user_tier_history;
CREATE TABLE user_tier_history USING parquet AS
WITH marked AS (
  SELECT user_id, service_tier, timestamp,
         CASE WHEN row_number() OVER by_time > 1 AND lag(service_tier) OVER by_time <=> service_tier
              THEN 0 ELSE 1 END AS starts
  FROM usage
  WINDOW by_time AS (PARTITION BY user_id ORDER BY timestamp, resource_id, service_tier)),
runs AS (
  SELECT user_id, service_tier, timestamp AS valid_from FROM marked WHERE starts = 1)
SELECT user_id, service_tier, valid_from,
       lead(valid_from) OVER (PARTITION BY user_id ORDER BY valid_from, service_tier) AS valid_to,
       lead(valid_from) OVER (PARTITION BY user_id ORDER BY valid_from, service_tier) IS NULL AS is_current
FROM runs;

INSERT OVERWRITE DIRECTORY '${out}/hourly_spend' USING csv OPTIONS (header 'true')
SELECT * FROM hourly_spend ORDER BY hour, region, service_tier, operation_type, resource_type;
INSERT OVERWRITE DIRECTORY '${out}/daily_usage' USING csv OPTIONS (header 'true')
SELECT * FROM daily_usage ORDER BY date, region, currency;
INSERT OVERWRITE DIRECTORY '${out}/tier_usage' USING csv OPTIONS (header 'true')
SELECT * FROM tier_usage ORDER BY service_tier, operation_type;
INSERT OVERWRITE DIRECTORY '${out}/user_activity' USING csv OPTIONS (header 'true')
SELECT * FROM user_activity ORDER BY user_id;
INSERT OVERWRITE DIRECTORY '${out}/user_tier_history' USING csv OPTIONS (header 'true')
SELECT * FROM user_tier_history ORDER BY user_id, valid_from, service_tier;
