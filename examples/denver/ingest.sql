-- Ingests one release of the Denver open data (traffic accidents and 311 service requests,
-- landed in a dated raw folder) into two Parquet tables, `traffic_accidents` and
-- `service_requests`, with normalized column names (lower case, white space runs to `_`).
-- A release is a rolling window that repeats most rows of the previous one: only rows whose
-- key is not in the table yet are appended (LEFT ANTI JOIN), so ingesting a newer release,
-- or the same one again, never duplicates a row, and rows the window dropped stay.
-- Keys: `offense_id` for accidents (`objectid_1` is the row's number in one release's file
-- and changes between releases), `case_number` for requests. A new key repeated inside the
-- release keeps one row (QUALIFY, after the join: it holds only the new rows).
-- Rows that do not fit the schema are not loaded (DROPMALFORMED: a row with no key would be
-- appended again at every run) but reported with file, line and reason (`--rejects DIR`).
-- Times are the city's wall-clock times without a zone: TIMESTAMP_NTZ.
-- Variables (sluice sql -d name=value): raw (the release's raw folder).

-- Accidents: upper-case names that the schema's lower-case ones match (names match ignoring
-- case); INCIDENT_ID is printed as a floating-point number (2019000012345.0).
CREATE OR REPLACE TEMPORARY VIEW accidents_release AS
SELECT objectid_1, CAST(incident_id AS BIGINT) AS incident_id, * EXCEPT (objectid_1, incident_id)
FROM read_files('${raw}/traffic_accidents.csv', format => 'csv', header => true,
  mode => 'DROPMALFORMED', timestampNTZFormat => 'yyyy-MM-dd HH:mm:ss',
  schema => 'objectid_1 BIGINT, incident_id DOUBLE, offense_id BIGINT, offense_code INT,
    offense_code_extension INT, top_traffic_accident_offense STRING,
    first_occurrence_date TIMESTAMP_NTZ, last_occurrence_date TIMESTAMP_NTZ,
    reported_date TIMESTAMP_NTZ, incident_address STRING, geo_x DOUBLE, geo_y DOUBLE,
    geo_lon DOUBLE, geo_lat DOUBLE, district_id INT, precinct_id INT, neighborhood_id STRING,
    bicycle_ind INT, pedestrian_ind INT, harmful_event_seq_1 STRING, harmful_event_seq_2 STRING,
    harmful_event_seq_3 STRING, road_location STRING, road_description STRING,
    road_contour STRING, road_condition STRING, light_condition STRING,
    tu1_vehicle_type STRING, tu1_travel_direction STRING, tu1_vehicle_movement STRING,
    tu1_driver_action STRING, tu1_driver_humancontribfactor STRING,
    tu1_pedestrian_action STRING, tu2_vehicle_type STRING, tu2_travel_direction STRING,
    tu2_vehicle_movement STRING, tu2_driver_action STRING,
    tu2_driver_humancontribfactor STRING, tu2_pedestrian_action STRING,
    seriously_injured INT, fatalities INT, fatality_mode_1 STRING, fatality_mode_2 STRING,
    seriously_injured_mode_1 STRING, seriously_injured_mode_2 STRING');

-- The table takes the view's columns; WHERE false reads nothing (LIMIT 0 would read a part
-- of the file and report its rejects twice).
CREATE TABLE IF NOT EXISTS traffic_accidents USING parquet AS
SELECT * FROM accidents_release WHERE false;

INSERT INTO traffic_accidents
SELECT r.* FROM accidents_release r LEFT ANTI JOIN traffic_accidents t ON t.offense_id = r.offense_id
QUALIFY row_number() OVER (PARTITION BY r.offense_id ORDER BY r.objectid_1) = 1;

-- 311 requests: Latin-1 text, a comment line first, names with spaces.
CREATE OR REPLACE TEMPORARY VIEW requests_release AS
SELECT `Case Summary` AS case_summary, `Case Status` AS case_status,
  `Case Source` AS case_source, `Case Created Date` AS case_created_date,
  `Case Created dttm` AS case_created_dttm, `Case Closed Date` AS case_closed_date,
  `Case Closed dttm` AS case_closed_dttm, `Case Number` AS case_number,
  `First Call Resolution` AS first_call_resolution, `Customer Zip Code` AS customer_zip_code,
  `Incident Address 1` AS incident_address_1,
  `Incident Intersection 1` AS incident_intersection_1,
  `Incident Intersection 2` AS incident_intersection_2, `Incident Zip Code` AS incident_zip_code,
  Longitude AS longitude, Latitude AS latitude, Agency AS agency, Division AS division,
  `Major Area` AS major_area, Type AS type, Topic AS topic,
  `Council District` AS council_district, `Police District` AS police_district,
  Neighborhood AS neighborhood
FROM read_files('${raw}/311_service_requests.csv', format => 'csv', header => true,
  mode => 'DROPMALFORMED', encoding => 'ISO-8859-1', comment => '#',
  dateFormat => 'MM/dd/yyyy', timestampNTZFormat => 'MM/dd/yyyy hh:mm:ss a',
  schema => '`Case Summary` STRING, `Case Status` STRING, `Case Source` STRING,
    `Case Created Date` DATE, `Case Created dttm` TIMESTAMP_NTZ, `Case Closed Date` DATE,
    `Case Closed dttm` TIMESTAMP_NTZ, `Case Number` BIGINT, `First Call Resolution` STRING,
    `Customer Zip Code` STRING, `Incident Address 1` STRING, `Incident Intersection 1` STRING,
    `Incident Intersection 2` STRING, `Incident Zip Code` STRING, Longitude DOUBLE,
    Latitude DOUBLE, Agency STRING, Division STRING, `Major Area` STRING, Type STRING,
    Topic STRING, `Council District` INT, `Police District` INT, Neighborhood STRING');

CREATE TABLE IF NOT EXISTS service_requests USING parquet AS
SELECT * FROM requests_release WHERE false;

INSERT INTO service_requests
SELECT r.* FROM requests_release r LEFT ANTI JOIN service_requests t ON t.case_number = r.case_number
QUALIFY row_number() OVER (PARTITION BY r.case_number ORDER BY r.case_created_dttm) = 1;

SELECT (SELECT count(*) FROM traffic_accidents) AS accidents,
       (SELECT count(*) FROM service_requests) AS service_requests;
