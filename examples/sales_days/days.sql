-- The sales days of each location month: the calendar's days_max (for an OCL, capped by
-- its own last 12 reported months), less the days lost to reinvestment projects, to the
-- opening and to the closing.

-- Days lost to reinvestment: a project spans the months from its shutdown's to its
-- reopening's. In a middle month all of the calendar's days_max is lost; in the shutdown
-- month the sales days from shutdown to the end of the month or the reopening; in the
-- reopening month those from the first of the month to the reopening (both are the sales
-- days from greatest(month, shutdown) to least(end of month, reopen), counted as in
-- location_months.sql). Overlapping projects: the maximum.
CREATE OR REPLACE TEMPORARY VIEW days_lost AS
WITH spans AS (
  SELECT m.loc_num, m.month, m.days_max,
         trunc(p.shutdown, 'MM') <> m.month AND trunc(p.reopen, 'MM') <> m.month AS middle,
         greatest(m.month, p.shutdown) AS a, least(last_day(m.month), p.reopen) AS b
  FROM location_months m
  JOIN reinvestment_projects p
    ON p.loc_num = m.loc_num AND m.month BETWEEN trunc(p.shutdown, 'MM') AND trunc(p.reopen, 'MM'))
SELECT loc_num, month,
       max(IF(middle, days_max,
              datediff(b, a) + 1 - (floor((unix_date(b) - 3) / 7) - floor((unix_date(a) - 4) / 7))))
         AS days_lost
FROM spans
GROUP BY loc_num, month;

-- An OCL with at least 12 months of history: its last 12 reported months' days, by month
-- number (the latest where a month number repeats).
CREATE OR REPLACE TEMPORARY VIEW ocl_days AS
WITH history AS (
  SELECT s.loc_num, month(s.month) AS month_num, s.days,
         row_number() OVER (PARTITION BY s.loc_num ORDER BY s.month DESC) AS back,
         row_number() OVER (PARTITION BY s.loc_num, month(s.month) ORDER BY s.month DESC) AS latest,
         count(*) OVER (PARTITION BY s.loc_num) AS months
  FROM monthly_sales s
  WHERE s.loc_num IN (SELECT loc_num FROM sales_days_future WHERE location_type_code = 'OCL'))
SELECT loc_num, month_num, days FROM history WHERE months >= 12 AND back <= 12 AND latest = 1;

-- days = days_max - days lost; in the opening month less (days_before_open - 1) (the
-- opening day is a sales day); in the closing month less days_after_close; at least 0.
-- A missing days_max stays missing (and fails the run at the end), as in R.
CREATE TABLE location_days USING parquet AS
WITH capped AS (
  SELECT m.*,
         IF(m.location_type_code = 'OCL' AND m.days_max IS NOT NULL,
            least(coalesce(o.days, m.days_max), m.days_max), m.days_max)
           - coalesce(l.days_lost, 0)
           - IF(m.month = m.month_open, m.days_before_open - 1, 0)
           - IF(m.month = m.month_close, m.days_after_close, 0) AS net_days
  FROM location_months m
  LEFT JOIN ocl_days o ON o.loc_num = m.loc_num AND o.month_num = m.month_num
  LEFT JOIN days_lost l ON l.loc_num = m.loc_num AND l.month = m.month)
SELECT loc_num, month, date_forecast, location_type_code, first_month,
       IF(net_days < 0, 0, net_days) AS days,
       (year(month) - year(month_open)) * 12 + month(month) - month(month_open) AS age
FROM capped;
