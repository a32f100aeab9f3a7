#!/bin/sh
# The sales-days forecast: the legacy R code's rules ported to Sluice SQL, one model per
# file (inputs, calendar, location months, days, inflation, forecast), run as one script.
# Usage: examples/sales_days/run.sh INPUT_DIR OUTPUT_CSV [AS_OF_DATE]
#   INPUT_DIR   the folder of the five input CSV files (examples/sales_days/generate.sh
#               writes one)
#   OUTPUT_CSV  the forecast: one row per location and month, twelve columns, a header
#   AS_OF_DATE  yyyy-MM-dd: the day that decides which months are reported (the R code
#               used the clock); default: the forecast date of the input
set -eu
[ $# -ge 2 ] || { echo "usage: $0 INPUT_DIR OUTPUT_CSV [AS_OF_DATE]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sluice=${SLUICE:-$root/build/release/apps/cli/sluice}
input=$(cd "$1" && pwd)
# The models run as one script; the tables they materialize live in a warehouse of this
# run only.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for model in inputs calendar location_months days inflation forecast; do
  cat "$here/$model.sql" >> "$work/forecast.sql"
done
"$sluice" sql --warehouse "$work/warehouse" -d "input=$input" -d "as_of=${3:-}" \
  -f "$work/forecast.sql" --output "$2"
echo "sales-days forecast written to $2"
