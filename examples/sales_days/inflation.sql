-- Inflation. A multiplier per (month, date_forecast), as in the R code: months_out =
-- months from date_forecast to month, + 1; the annual rate begins at 1.0 for months before
-- 2025-05-01, else 1.01, and glides by (begin - 1.025) / 12 a month, from the months to
-- 2026-01-01 on, up to the long-run 1.025; its monthly root (1 when months_out = 0),
-- multiplied up over the months in order (a running product: the same multiplications,
-- in the same order, as R's cumprod).
CREATE OR REPLACE TEMPORARY VIEW incremental_inflation AS
WITH months AS (SELECT DISTINCT month, date_forecast FROM location_days),
rates AS (
  SELECT month, date_forecast,
         (year(month) - year(date_forecast)) * 12 + month(month) - month(date_forecast) + 1
           AS months_out,
         IF(month < DATE'2025-05-01', 1.0D, 1.01D) AS begin_rate,
         (2026 - year(date_forecast)) * 12 + 1 - month(date_forecast) AS months_to_2026
  FROM months),
monthly AS (
  SELECT month, date_forecast,
         IF(months_out = 0, 1.0D,
            pow(least(greatest(begin_rate + (begin_rate - 1.025D) / 12 * (months_to_2026 - months_out),
                               begin_rate), 1.025D), 1.0D / 12)) AS rate
  FROM rates)
SELECT month, date_forecast,
       product(rate) OVER (PARTITION BY date_forecast ORDER BY month
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS incremental
FROM monthly;

-- A location's factor: its inflation_factor_ending of the reported month (floor(
-- date_forecast - 15 days) - 1 month), or when missing the mean over the location months
-- of the same reported month and concept (each location weighs its months; summed
-- exactly, in decimal, so that the result does not depend on the order threads add rows
-- in).
CREATE OR REPLACE TEMPORARY VIEW location_factors AS
WITH locations AS (
  SELECT loc_num, date_forecast, location_type_code, count(*) AS months,
         add_months(trunc(date_sub(date_forecast, 15), 'MM'), -1) AS reported_month
  FROM location_days
  GROUP BY loc_num, date_forecast, location_type_code),
own AS (
  SELECT l.*, s.inflation_factor_ending AS own
  FROM locations l
  LEFT JOIN (SELECT loc_num, month, inflation_factor_ending FROM monthly_sales
             WHERE month IN (SELECT reported_month FROM locations)) s
    ON s.loc_num = l.loc_num AND s.month = l.reported_month),
concept_mean AS (
  SELECT reported_month, location_type_code,
         CAST(sum(CAST(own AS DECIMAL(38, 18)) * months) AS DOUBLE)
           / sum(IF(own IS NULL, 0, months)) AS mean
  FROM own
  GROUP BY reported_month, location_type_code)
SELECT o.loc_num, o.date_forecast, coalesce(o.own, m.mean) AS inflation_factor
FROM own o
JOIN concept_mean m
  ON m.reported_month = o.reported_month AND m.location_type_code = o.location_type_code;

-- Times the multiplier lagged by max(0, months from the first forecast month to
-- 2024-12-01) months within the location (1 before its first month): the R code's
-- price-change shift, 0 for forecasts after 2024.
CREATE OR REPLACE TEMPORARY VIEW location_inflation AS
WITH shift AS (
  SELECT greatest(0, (2024 - year(min(month))) * 12 + 12 - month(min(month))) AS months
  FROM location_days)
SELECT d.*, f.inflation_factor * coalesce(i.incremental, 1.0D) AS inflation
FROM location_days d
JOIN location_factors f ON f.loc_num = d.loc_num AND f.date_forecast = d.date_forecast
CROSS JOIN shift
LEFT JOIN incremental_inflation i
  ON i.date_forecast = d.date_forecast AND i.month = add_months(d.month, -shift.months)
     AND add_months(d.month, -shift.months) >= d.first_month;
