SELECT 1L, 2S, 3Y, 1.5, 1e10, 1.5D, 2F, 1.5BD, -2147483648, 'a' "b", '\n\u0041',
  DATE '2020-01-01', TIMESTAMP_NTZ '2020-01-01 10:00', X'1F', INTERVAL '1-2' YEAR TO MONTH,
  INTERVAL 1 DAY 2 HOURS, CAST(a AS DECIMAL(10, 2)), a::ARRAY<STRUCT<x: INT>>, `we``ird`,
  CASE WHEN a THEN 1 ELSE 2 END, EXTRACT(YEAR FROM d), TRIM(LEADING 'x' FROM s),
  transform(arr, (x, i) -> x + i), struct(a AS b), /* nested /* comment */ */ m['k'].f
