-- Loads landed billing days into the table `billing` (Parquet, partitioned by year, month
-- and day), enforcing the schema: a row that does not fit it (a bad timestamp, a number
-- that is not one, a year/month/day that disagrees with its folder) is not loaded
-- (DROPMALFORMED) but reported, with its file, line and reason (`sluice sql --rejects
-- DIR` writes them).
-- Variables (sluice sql -d name=value): landing (the folder of year=/month=/day= CSV
-- files), year, month, day (the day to load: only its folder is read).
-- INSERT OVERWRITE with dynamic partitions replaces the partitions it writes and no other:
-- loading a day again replaces that day, and earlier days stay.
CREATE TABLE IF NOT EXISTS billing (
  timestamp TIMESTAMP, resource_id STRING, user_id INT, credit_usage DOUBLE, region STRING,
  service_tier STRING, operation_type STRING, success BOOLEAN, resource_type STRING,
  invoice_id STRING, currency STRING, year INT, month INT, day INT)
USING parquet PARTITIONED BY (year, month, day);

INSERT OVERWRITE billing PARTITION (year, month, day)
SELECT timestamp, resource_id, user_id, credit_usage, region, service_tier, operation_type,
       success, resource_type, invoice_id, currency, year, month, day
FROM read_files('${landing}', format => 'csv', header => true, mode => 'DROPMALFORMED',
  schema => 'timestamp TIMESTAMP, resource_id STRING, user_id INT, credit_usage DOUBLE,
             region STRING, service_tier STRING, operation_type STRING, success BOOLEAN,
             resource_type STRING, invoice_id STRING, currency STRING, year INT, month INT,
             day INT')
WHERE year = ${year} AND month = ${month} AND day = ${day};
