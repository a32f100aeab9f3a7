#!/bin/sh
# The credit snapshot example end to end: a generated landing zone of daily Parquet
# snapshots, the daily job replayed over every day in order, and the two SQL questions on
# the published fixtures.
# Usage: examples/credit/run.sh [OUT] [DAYS] [CREDITS]
#   OUT      the output folder (default credit_out): OUT/landing, OUT/warehouse,
#            OUT/questions.txt
#   DAYS     days of snapshots from 2021-01-01 (default 400; a few are missing, among them
#            the month ends 2021-03-31 and 2021-06-30)
#   CREDITS  credits on the last day (default 1000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sluice=${SLUICE:-$root/build/release/apps/cli/sluice}
mkdir -p "${1:-credit_out}"
out=$(cd "${1:-credit_out}" && pwd)
rm -rf "$out/landing" "$out/warehouse"
"$sluice" generate credit --format parquet --days "${2:-400}" --credits "${3:-1000}" \
  --skip-days 2021-02-10,2021-03-31,2021-06-30,2021-09-01,2021-09-02 "$out/landing"
for dir in $(ls "$out/landing" | sort); do
  SLUICE=$sluice "$here/run_day.sh" "$out/warehouse" "$out/landing" "${dir#record_date=}"
done
"$sluice" sql --warehouse "$out/warehouse" --format tsv -e "SHOW PARTITIONS credit_snapshots"
(cd "$root" && "$sluice" sql --warehouse "$out/warehouse" --format csv \
  -f examples/credit/questions.sql) > "$out/questions.txt"
echo "credit example written to $out"
