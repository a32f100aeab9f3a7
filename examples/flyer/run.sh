#!/bin/sh
# The flyer engagement reports: the original one on the published seed data
# (OUT/original_report.csv), and the sessionized one on EVENTS (Parquet tables partitioned
# by day in OUT/warehouse, CSV copies in OUT/flyer_user_day and OUT/merchant_day).
# Usage: examples/flyer/run.sh [EVENTS] [OUT]
#   EVENTS  a CSV file or folder of flyer events (default: the published channel_dataset.csv;
#           `sluice generate flyer --rows N FILE` writes more)
#   OUT     the output folder (default: flyer_out)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
events=${1:-$root/../shared/seeds/flyer/channel_dataset.csv}
mkdir -p "${2:-flyer_out}"
out=$(cd "${2:-flyer_out}" && pwd)
sluice=${SLUICE:-$root/build/release/apps/cli/sluice}

# The original report reads the seed by its path from the repository root.
(cd "$root" && "$sluice" sql --warehouse "$out/warehouse" -f examples/flyer/original_report.sql \
  --output "$out/original_report.csv")
"$sluice" sql --warehouse "$out/warehouse" -d "events=$events" -d "out=$out" \
  -f "$here/sessionized_report.sql"
echo "flyer reports written to $out"
