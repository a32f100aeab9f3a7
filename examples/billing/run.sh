#!/bin/sh
# The billing example end to end: generated daily CSV files (a few malformed rows in each),
# every day not yet in the table loaded (schema enforced, rejects written and counted), and
# the insights recomputed. Run it again after new days landed: only those are loaded.
# Usage: examples/billing/run.sh LANDING [OUT]
#   LANDING  the folder of year=YYYY/month=MM/day=DD/billing.csv files
#            (`sluice generate billing --bad-rows 2 LANDING` writes a year of them)
#   OUT      the output folder (default billing_out): OUT/warehouse (the Parquet tables),
#            OUT/rejects/<day>/rejects.csv, OUT/<insight>/*.csv
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sluice=${SLUICE:-$root/build/release/apps/cli/sluice}
landing=$(cd "$1" && pwd)
mkdir -p "${2:-billing_out}"
out=$(cd "${2:-billing_out}" && pwd)

# The days already loaded are the table's partitions: year=2024/month=1/day=5.
loaded=$("$sluice" sql --warehouse "$out/warehouse" --format tsv \
  -e "SHOW PARTITIONS billing" 2>/dev/null) || loaded=
count=0
for dir in "$landing"/year=*/month=*/day=*; do
  [ -d "$dir" ] || continue
  year=${dir##*/year=}; year=${year%%/*}
  month=$(echo "${dir##*/month=}" | sed 's#/.*##; s/^0*//')
  day=$(echo "${dir##*/day=}" | sed 's/^0*//')
  if printf '%s\n' "$loaded" | grep -qx "year=$year/month=$month/day=$day"; then continue; fi
  rejects="$out/rejects/$year-$month-$day"
  "$sluice" sql --warehouse "$out/warehouse" --rejects "$rejects" -d "landing=$landing" \
    -d "year=$year" -d "month=$month" -d "day=$day" -f "$here/load.sql"
  count=$((count + 1))
done
echo "loaded $count new days"
"$sluice" sql --warehouse "$out/warehouse" -d "out=$out" -f "$here/insights.sql"
echo "billing insights written to $out"
