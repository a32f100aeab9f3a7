-- The Denver questions, answered from the tables `traffic_accidents` and `service_requests`
-- (ingest.sql) over everything loaded so far, each written as CSV with a header under
-- ${out}. Percentages are of the year's (or all) rows, rounded to two decimals.
-- Variables (sluice sql -d name=value): out (the output folder).

-- Accidents per day.
INSERT OVERWRITE DIRECTORY '${out}/daily_accidents' USING csv OPTIONS (header 'true')
SELECT to_date(first_occurrence_date) AS date, count(*) AS accidents
FROM traffic_accidents
GROUP BY 1
ORDER BY 1;

-- Seasonality: accidents per calendar day of each month (days without accidents count, from
-- the first loaded day to the last), and that rate against the whole period's (1 = average).
INSERT OVERWRITE DIRECTORY '${out}/monthly_seasonality' USING csv OPTIONS (header 'true')
WITH calendar AS (
  SELECT explode(sequence(min(to_date(first_occurrence_date)),
                          max(to_date(first_occurrence_date)))) AS date
  FROM traffic_accidents),
days AS (SELECT month(date) AS month, count(*) AS days FROM calendar GROUP BY 1),
counts AS (
  SELECT month(first_occurrence_date) AS month, count(*) AS accidents
  FROM traffic_accidents GROUP BY 1)
SELECT month, accidents, days, round(accidents / days, 3) AS accidents_per_day,
       round(accidents / days / (sum(accidents) OVER () / sum(days) OVER ()), 3) AS seasonal_index
FROM counts JOIN days USING (month)
ORDER BY month;

-- Road conditions by year: each condition's share of the year's accidents, in percent
-- (empty where a condition never occurred that year; UNKNOWN where the city left it empty).
INSERT OVERWRITE DIRECTORY '${out}/road_condition_by_year' USING csv OPTIONS (header 'true')
SELECT * FROM (
  SELECT coalesce(road_condition, 'UNKNOWN') AS road_condition,
         year(first_occurrence_date) AS year,
         100D / count(*) OVER (PARTITION BY year(first_occurrence_date)) AS share
  FROM traffic_accidents)
PIVOT (round(sum(share), 2) FOR year IN (2014, 2015, 2016, 2017, 2018, 2019))
ORDER BY road_condition;

-- 311 requests per neighborhood (UNKNOWN: no location given), most first.
INSERT OVERWRITE DIRECTORY '${out}/requests_per_neighborhood' USING csv OPTIONS (header 'true')
SELECT coalesce(neighborhood, 'UNKNOWN') AS neighborhood, count(*) AS requests,
       round(100D * count(*) / sum(count(*)) OVER (), 2) AS share_pct
FROM service_requests
GROUP BY 1
ORDER BY requests DESC, neighborhood;

-- The ten neighborhoods with the most accidents each year and their share of the year's
-- accidents (those without a location count in the year's total, not in the ranking).
INSERT OVERWRITE DIRECTORY '${out}/top_accident_neighborhoods' USING csv OPTIONS (header 'true')
WITH counts AS (
  SELECT year(first_occurrence_date) AS year, neighborhood_id, count(*) AS accidents
  FROM traffic_accidents GROUP BY 1, 2),
shares AS (
  SELECT *, 100D * accidents / sum(accidents) OVER (PARTITION BY year) AS share FROM counts)
SELECT year, row_number() OVER (PARTITION BY year ORDER BY accidents DESC, neighborhood_id) AS rank,
       neighborhood_id, accidents, round(share, 2) AS share_pct
FROM shares
WHERE neighborhood_id IS NOT NULL
QUALIFY rank <= 10
ORDER BY year, rank;

-- How long a 311 request takes from creation to closing, in hours, by type: the typical
-- time (median) and its spread; requests still open are counted apart.
INSERT OVERWRITE DIRECTORY '${out}/resolution_by_type' USING csv OPTIONS (header 'true')
WITH requests AS (
  SELECT type, timestampdiff(SECOND, case_created_dttm, case_closed_dttm) / 3600D AS hours
  FROM service_requests)
SELECT type, count(hours) AS closed, count(*) - count(hours) AS open,
       round(avg(hours), 2) AS avg_hours, round(median(hours), 2) AS median_hours,
       round(percentile(hours, 0.9), 2) AS p90_hours, round(stddev(hours), 2) AS stddev_hours
FROM requests
GROUP BY type
ORDER BY type;
