-- The five inputs of the sales-days forecast, read from the folder ${input} by the names
-- and columns the original R start script reads. Dates are yyyy-MM-dd, `null` is a missing
-- value (close_date), and loc_num is padded to 5 digits as the R code pads it. A value
-- that does not fit its column stops the run with its file, line and column (FAILFAST).
-- The monthly history, the one large input, is read once into a Parquet table of the run's
-- own warehouse (the models below read it three times).
-- ${as_of} replaces the R code's clock (`today()`): the date that decides which months
-- are reported; empty means the forecast date.
CREATE OR REPLACE TEMPORARY VIEW sales_days_future AS
SELECT lpad(loc_num, 5, '0') AS loc_num, location_type_code, open_date, close_date,
       price_group, date_forecast, months_predict
FROM read_files('${input}/dfSalesDaysFuture.csv', format => 'csv', header => true,
  mode => 'FAILFAST', nullValue => 'null',
  schema => 'loc_num STRING, location_type_code STRING, open_date DATE, close_date DATE,
             price_group STRING, date_forecast DATE, months_predict INT');

CREATE TABLE monthly_sales USING parquet AS
SELECT lpad(loc_num, 5, '0') AS loc_num, month, days, open_date, inflation_factor,
       inflation_factor_ending, concept_code
FROM read_files('${input}/dfMonthlySales.csv', format => 'csv', header => true,
  mode => 'FAILFAST', nullValue => 'null',
  schema => 'loc_num STRING, month DATE, days INT, open_date DATE, inflation_factor DOUBLE,
             inflation_factor_ending DOUBLE, concept_code STRING');

-- A project that reopens before it shuts down stops the run, as in the R code.
CREATE OR REPLACE TEMPORARY VIEW reinvestment_projects AS
SELECT lpad(loc_num, 5, '0') AS loc_num, shutdown,
       CASE WHEN reopen < shutdown
            THEN raise_error('dfReinvestmentProjects.csv: the project of location ' || loc_num ||
                             ' reopens (' || reopen || ') before it shuts down (' || shutdown || ')')
            ELSE reopen END AS reopen
FROM read_files('${input}/dfReinvestmentProjects.csv', format => 'csv', header => true,
  mode => 'FAILFAST', nullValue => 'null', schema => 'loc_num STRING, shutdown DATE, reopen DATE');

-- A factor given twice for a location and month stops the run (the R code's join
-- duplicated the location's month).
CREATE OR REPLACE TEMPORARY VIEW cannibalization_factors AS
SELECT lpad(loc_num, 5, '0') AS loc_num, month,
       IF(count(*) > 1, raise_error('dfCannibalizationFactors.csv: ' || count(*) ||
                                    ' rows for location ' || lpad(loc_num, 5, '0') || ' in ' || month),
          max(gocf)) AS gocf
FROM read_files('${input}/dfCannibalizationFactors.csv', format => 'csv', header => true,
  mode => 'FAILFAST', nullValue => 'null', schema => 'loc_num STRING, month DATE, gocf DOUBLE')
GROUP BY lpad(loc_num, 5, '0'), month;

CREATE OR REPLACE TEMPORARY VIEW reinvestment_factors AS
SELECT lpad(loc_num, 5, '0') AS loc_num, month,
       IF(count(*) > 1, raise_error('dfReinvestmentFactors.csv: ' || count(*) ||
                                    ' rows for location ' || lpad(loc_num, 5, '0') || ' in ' || month),
          max(factor)) AS factor
FROM read_files('${input}/dfReinvestmentFactors.csv', format => 'csv', header => true,
  mode => 'FAILFAST', nullValue => 'null', schema => 'loc_num STRING, month DATE, factor DOUBLE')
GROUP BY lpad(loc_num, 5, '0'), month;

CREATE OR REPLACE TEMPORARY VIEW as_of AS
SELECT CASE WHEN '${as_of}' = '' THEN max(date_forecast)
            WHEN to_date('${as_of}') IS NULL
            THEN raise_error('the as-of date must be yyyy-MM-dd, got \'${as_of}\'')
            ELSE to_date('${as_of}') END AS as_of
FROM sales_days_future;
