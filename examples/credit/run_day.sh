#!/bin/sh
# One day of the credit snapshot job: the table keeps the latest snapshot and the last
# available snapshot of every past month. Run once per day, in date order; re-running the
# latest day is harmless.
# Usage: examples/credit/run_day.sh WAREHOUSE LANDING DAY
#   WAREHOUSE  the warehouse holding credit_snapshots (made on the first day)
#   LANDING    the landing zone: LANDING/record_date=DAY/*.parquet
#   DAY        YYYY-MM-DD
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sluice=${SLUICE:-$here/../../build/release/apps/cli/sluice}
warehouse=$1 landing=$2 day=$3
if [ ! -d "$landing/record_date=$day" ]; then
  echo "run_day.sh: no snapshot for $day in $landing" >&2
  exit 2
fi
# The table's latest day before this run (none on the first day).
latest=$("$sluice" sql --warehouse "$warehouse" --format tsv \
  -e "SHOW PARTITIONS credit_snapshots" 2>/dev/null | tail -n 1 | sed 's/^record_date=//') || latest=
if [ -n "$latest" ] && [ "$latest" \> "$day" ]; then
  echo "run_day.sh: $day is before the table's latest day $latest: days run in order" >&2
  exit 2
fi
"$sluice" sql --warehouse "$warehouse" -d "landing=$landing" -d "day=$day" -f "$here/daily_job.sql"
# Yesterday's snapshot goes unless today starts another month: then it was the last
# available day of its month (the month's last day, or the last one that arrived).
if [ -n "$latest" ] && [ "$latest" != "$day" ] && [ "${latest%-*}" = "${day%-*}" ]; then
  "$sluice" sql --warehouse "$warehouse" \
    -e "ALTER TABLE credit_snapshots DROP PARTITION (record_date = '$latest')"
fi
