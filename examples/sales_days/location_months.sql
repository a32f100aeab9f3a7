-- Each location's forecast months: floor(date_forecast to month) + k for k from -1 (when
-- the forecast day is before the 16th, the day a month's sales are reported) or 0 up to
-- months_predict - 1, from its opening month to its closing month. A closing counts only
-- when it is known: close_date < date_forecast + 12 months.
--
-- Sales days are days that are not Sundays; from a to b inclusive there are
--   datediff(b, a) + 1 - (floor((unix_date(b) - 3) / 7) - floor((unix_date(a) - 4) / 7))
-- (the floors count the Sundays up to b and before a: 1970-01-04, day 3, was a Sunday).
CREATE OR REPLACE TEMPORARY VIEW locations AS
SELECT loc_num, location_type_code, date_forecast, months_predict, open_date,
       CASE WHEN open_date IS NULL
            THEN raise_error('dfSalesDaysFuture.csv: location ' || loc_num || ' has no open_date')
            ELSE trunc(open_date, 'MM') END AS month_open,
       CASE WHEN close_date < add_months(date_forecast, 12) THEN trunc(close_date, 'MM') END
         AS month_close,
       CASE WHEN date_forecast IS NULL OR months_predict IS NULL
            THEN raise_error('dfSalesDaysFuture.csv: location ' || loc_num ||
                             ' has no date_forecast or months_predict')
            ELSE IF(day(date_forecast) < 16, -1, 0) END AS first_k,
       -- sales days from the first of the opening month to open_date
       datediff(open_date, trunc(open_date, 'MM')) + 1
         - (floor((unix_date(open_date) - 3) / 7) - floor((unix_date(trunc(open_date, 'MM')) - 4) / 7))
         AS days_before_open,
       -- sales days from close_date to the end of its month
       datediff(last_day(close_date), close_date) + 1
         - (floor((unix_date(last_day(close_date)) - 3) / 7) - floor((unix_date(close_date) - 4) / 7))
         AS days_after_close
FROM sales_days_future;

-- The months, with the calendar's days_max for the month's key. A month whose key the
-- calendar lacks stops the run (the R code's inner join dropped it silently), and so does
-- a missing location type.
CREATE TABLE location_months USING parquet AS
WITH expanded AS (
  SELECT l.*, explode(sequence(first_k, months_predict - 1)) AS k FROM locations l),
months AS (
  SELECT e.*, add_months(trunc(date_forecast, 'MM'), k) AS month FROM expanded e),
kept AS (
  SELECT m.*, date_format(trunc(month, 'YEAR'), 'EEEE') AS jan1_day, month(month) AS month_num,
         day(last_day(make_date(year(month), 2, 1))) = 29 AS leap_year
  FROM months m
  WHERE month >= month_open AND (month_close IS NULL OR month <= month_close))
SELECT k.loc_num, k.month, k.date_forecast,
       CASE WHEN k.location_type_code IS NULL
            THEN raise_error('dfSalesDaysFuture.csv: location ' || k.loc_num ||
                             ' has no location_type_code')
            ELSE k.location_type_code END AS location_type_code,
       k.month_open, k.month_close,
       greatest(k.month_open, add_months(trunc(k.date_forecast, 'MM'), k.first_k)) AS first_month,
       k.days_before_open, k.days_after_close, k.month_num,
       CASE WHEN c.month_num IS NULL
            THEN raise_error('no calendar for ' || k.month || ' (a ' ||
                             IF(k.leap_year, 'leap', 'non-leap') || ' year starting on a ' ||
                             k.jan1_day || '): dfMonthlySales.csv has no reported month of ' ||
                             'that kind of year')
            ELSE c.days_max END AS days_max
FROM kept k
LEFT JOIN calendar c
  ON c.jan1_day = k.jan1_day AND c.month_num = k.month_num AND c.leap_year = k.leap_year;
