-- The forecast: one row per location and month with the twelve output columns of the R
-- code. gocf and reinvestment_factor come from their inputs by (loc_num, month), 0 when
-- missing; concept_code is the location type. age_years = age / 12 rounded to one decimal
-- with R's rounding, a half to the even digit (bround: 3 months give 0.2, 9 give 0.8).
-- The run fails, as the R code's did, when an inflation factor or a day count is missing,
-- or an inflation factor is above 10.
WITH checked AS (
  SELECT loc_num, month, date_forecast,
         CASE WHEN days IS NULL
              THEN raise_error('no day count for location ' || loc_num || ' in ' || month)
              ELSE days END AS days,
         CASE WHEN inflation IS NULL
              THEN raise_error('no inflation factor for location ' || loc_num || ' in ' || month ||
                               ' (none reported for it or its concept)')
              WHEN inflation > 10
              THEN raise_error('inflation factor ' || inflation || ' above 10 for location ' ||
                               loc_num || ' in ' || month)
              ELSE inflation END AS inflation_factor,
         age, location_type_code AS concept_code
  FROM location_inflation),
rounded AS (
  SELECT c.*, coalesce(g.gocf, 0.0D) AS gocf, coalesce(r.factor, 0.0D) AS reinvestment_factor,
         bround(age / 12, 1) AS age_years
  FROM checked c
  LEFT JOIN cannibalization_factors g ON g.loc_num = c.loc_num AND g.month = c.month
  LEFT JOIN reinvestment_factors r ON r.loc_num = c.loc_num AND r.month = c.month)
SELECT loc_num, month, date_forecast, days, inflation_factor, age, concept_code,
       concept_code AS location_type_code, gocf, reinvestment_factor, age_years,
       CASE WHEN age_years < 0 THEN NULL
            WHEN age_years < 1 THEN '<1'
            WHEN age_years < 5 THEN '1-5'
            WHEN age_years < 10 THEN '5-10'
            WHEN age_years < 15 THEN '10-15'
            WHEN age_years < 20 THEN '15-20'
            WHEN age_years < 30 THEN '20-30'
            WHEN age_years < 50 THEN '30-50'
            WHEN age_years < 100 THEN '50+' END AS age_group
FROM rounded
ORDER BY loc_num, month;
