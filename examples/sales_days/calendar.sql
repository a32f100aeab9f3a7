-- The calendar: the sales days a month of each kind of year has, from the reported
-- history. Key: the weekday name of 1 January of the month's year, the month number, leap
-- year. Per key, the latest reported month (month + 1 month + 15 days <= the as-of date)
-- gives days_max = the median of `days` over all locations' rows of that month, truncated
-- to an integer as R's as.integer does (a median of 25.5 gives 25).
CREATE OR REPLACE TEMPORARY VIEW reported_calendar AS
WITH medians AS (
  SELECT month, median(days) AS days_max
  FROM monthly_sales CROSS JOIN as_of
  WHERE date_add(add_months(month, 1), 15) <= as_of
  GROUP BY month),
keyed AS (
  SELECT date_format(trunc(month, 'YEAR'), 'EEEE') AS jan1_day, month(month) AS month_num,
         day(last_day(make_date(year(month), 2, 1))) = 29 AS leap_year, month, days_max
  FROM medians)
SELECT jan1_day, month_num, leap_year, days_max
FROM keyed
QUALIFY month = max(month) OVER (PARTITION BY jan1_day, month_num, leap_year);

-- A leap year whose 1 January is a Wednesday is added where the history has none (the R
-- code's synthetic keys): January and February from the non-leap Wednesday year (February
-- one day longer), March to December from the non-leap Thursday year.
CREATE TABLE calendar USING parquet AS
WITH synthetic AS (
  SELECT 'Wednesday' AS jan1_day, month_num, true AS leap_year,
         days_max + IF(month_num = 2, 1, 0) AS days_max
  FROM reported_calendar
  WHERE month_num <= 2 AND NOT leap_year AND jan1_day = 'Wednesday'
  UNION ALL
  SELECT 'Wednesday', month_num, true, days_max
  FROM reported_calendar
  WHERE month_num > 2 AND NOT leap_year AND jan1_day = 'Thursday'),
keys AS (
  SELECT * FROM reported_calendar
  UNION ALL
  SELECT * FROM synthetic s
  WHERE NOT EXISTS (SELECT 1 FROM reported_calendar r WHERE r.jan1_day = s.jan1_day
                      AND r.month_num = s.month_num AND r.leap_year = s.leap_year))
SELECT jan1_day, month_num, leap_year, CAST(days_max AS INT) AS days_max FROM keys;
