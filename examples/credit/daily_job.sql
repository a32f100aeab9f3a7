-- The daily step of the credit snapshot table: today's snapshot from the landing zone
-- into its own partition of `credit_snapshots` (created on the first day). Only that
-- partition is written: INSERT OVERWRITE with a static partition replaces it alone, so a
-- re-run of the same day gives the same table. run_day.sh then drops yesterday's
-- partition unless it was the last available day of its month.
-- Variables (sluice sql -d name=value): landing (the folder of record_date=YYYY-MM-DD/
-- Parquet snapshots), day (YYYY-MM-DD).
CREATE TABLE IF NOT EXISTS credit_snapshots (
  id STRING, dim1 INT, dim2 INT, dim3 INT, record_date DATE)
USING parquet PARTITIONED BY (record_date);

INSERT OVERWRITE credit_snapshots PARTITION (record_date = '${day}')
SELECT id, dim1, dim2, dim3 FROM parquet.`${landing}/record_date=${day}`;
