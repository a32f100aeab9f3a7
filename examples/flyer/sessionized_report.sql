-- Sessionized time on flyer, the report the original metric should have been (see
-- README.md): per user, flyer, merchant and local day, the time spent on the flyer; per
-- merchant and day, the summary a BI dashboard reads. Variables (sluice sql -d name=value):
--   events  the events: a CSV file, or a folder of them (timestamp,user_id,event,flyer_id,merchant_id)
--   out     the folder for the CSV copies (the Parquet tables go to the warehouse)
-- examples/flyer/run.sh runs it.
SET spark.sql.session.timeZone = America/Toronto;

CREATE TEMPORARY VIEW events (
  timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id STRING, merchant_id STRING)
USING csv OPTIONS (path '${events}', header 'true');

-- A session is a user's run of events (of any kind) without a gap over 30 minutes. A flyer
-- or item open starts time on its flyer that lasts until the user's next event, counted up
-- to 10 minutes; after a session's last event it is unknown, so it counts 0. Equal
-- timestamps are ordered by event, flyer and merchant, so every run gives the same times
-- (what is left tied is an exact duplicate).
CREATE TEMPORARY VIEW flyer_time AS
WITH ordered AS (
  SELECT *,
         unix_timestamp(timestamp) - unix_timestamp(lag(timestamp) OVER by_time) AS since_previous,
         unix_timestamp(lead(timestamp) OVER by_time) - unix_timestamp(timestamp) AS until_next
  FROM events
  WINDOW by_time AS (PARTITION BY user_id ORDER BY timestamp, event, flyer_id, merchant_id)),
numbered AS (
  SELECT *,
         sum(CASE WHEN since_previous IS NULL OR since_previous > 1800 THEN 1 ELSE 0 END)
           OVER (PARTITION BY user_id ORDER BY timestamp, event, flyer_id, merchant_id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session
  FROM ordered)
SELECT to_date(timestamp) AS tdate, merchant_id, flyer_id, user_id, session,
       CASE WHEN until_next IS NULL OR until_next > 1800 THEN 0
            ELSE least(until_next, 600) END AS seconds
FROM numbered
WHERE event IN ('flyer_open', 'item_open');

-- Per user, flyer and day.
DROP TABLE IF EXISTS flyer_user_day;
CREATE TABLE flyer_user_day USING parquet PARTITIONED BY (tdate) AS
SELECT merchant_id, flyer_id, user_id, count(DISTINCT session) AS sessions, count(*) AS opens,
       sum(seconds) AS seconds, tdate
FROM flyer_time
GROUP BY tdate, merchant_id, flyer_id, user_id;

-- Per merchant and day: users, sessions and flyers reached, and the time a user spent on a
-- flyer (average, median, total).
DROP TABLE IF EXISTS merchant_day;
CREATE TABLE merchant_day USING parquet PARTITIONED BY (tdate) AS
WITH reach AS (
  SELECT tdate, merchant_id, count(DISTINCT user_id) AS users,
         count(DISTINCT user_id, session) AS sessions, count(DISTINCT flyer_id) AS flyers
  FROM flyer_time GROUP BY tdate, merchant_id)
SELECT r.merchant_id, r.users, r.sessions, r.flyers,
       round(avg(f.seconds), 2) AS avg_seconds, median(f.seconds) AS median_seconds,
       sum(f.seconds) AS total_seconds, r.tdate
FROM reach r JOIN flyer_user_day f ON f.tdate = r.tdate AND f.merchant_id = r.merchant_id
GROUP BY r.tdate, r.merchant_id, r.users, r.sessions, r.flyers;

INSERT OVERWRITE DIRECTORY '${out}/flyer_user_day' USING csv OPTIONS (header 'true')
SELECT * FROM flyer_user_day ORDER BY tdate, merchant_id, flyer_id, user_id;

INSERT OVERWRITE DIRECTORY '${out}/merchant_day' USING csv OPTIONS (header 'true')
SELECT * FROM merchant_day ORDER BY tdate, merchant_id;
