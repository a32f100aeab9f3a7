#!/bin/sh
# Inputs for the sales-days forecast (examples/sales_days/run.sh).
# Usage: examples/sales_days/generate.sh OUTPUT_DIR [LOCATIONS]
#   without LOCATIONS: the two published files (dfSalesDaysFuture.csv, 6,672 locations,
#   and dfReinvestmentProjects.csv) copied into OUTPUT_DIR, plus the three others generated
#   consistently with them;
#   with LOCATIONS: all five files generated for that many locations, in the same formats.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 OUTPUT_DIR [LOCATIONS]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sluice=${SLUICE:-$root/build/release/apps/cli/sluice}
mkdir -p "$1"
if [ $# -ge 2 ]; then
  "$sluice" generate sales-days --locations "$2" "$1"
else
  published=$root/../shared/seeds/sales_days
  cp "$published/dfSalesDaysFuture.csv" "$published/dfReinvestmentProjects.csv" "$1/"
  chmod u+w "$1/dfSalesDaysFuture.csv" "$1/dfReinvestmentProjects.csv"
  "$sluice" generate sales-days --from-published "$1" "$1"
fi
echo "sales-days inputs written to $1"
