-- The flyer engagement report as the original PySpark job computed it (see
-- ../shared/seeds/README.md): per user, merchant and local day, over flyer and item opens,
-- the span between the first and the last event divided by the number of events, as a
-- Spark 3.0 interval text and in seconds. Run from the repository root:
--   sluice sql -f examples/flyer/original_report.sql --output flyer_report.csv
SET spark.sql.session.timeZone = America/Toronto;
SET spark.sql.legacy.interval.enabled = true;

CREATE TEMPORARY VIEW events (
  timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id STRING, merchant_id STRING)
USING csv OPTIONS (path '../shared/seeds/flyer/channel_dataset.csv', header 'true');

SELECT user_id,
       merchant_id,
       to_date(timestamp) AS tdate,
       (max(timestamp) - min(timestamp)) / count(*) AS avg_time,
       (unix_timestamp(max(timestamp)) - unix_timestamp(min(timestamp))) / count(*) AS avg_time_in_Sec
FROM events
WHERE event = 'flyer_open' OR event = 'item_open'
GROUP BY user_id, merchant_id, to_date(timestamp);
