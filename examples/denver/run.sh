#!/bin/sh
# The Denver open data example end to end: one downloaded release of the city's two files
# landed in a dated raw folder, ingested into the Parquet tables without duplicating the rows
# earlier releases loaded, and the questions answered as CSV files. Run it again for every
# newer release: only its new rows are added.
# Usage: examples/denver/run.sh DOWNLOAD [OUT] [RELEASE]
#   DOWNLOAD  the folder holding the release's traffic_accidents.csv and
#             311_service_requests.csv (`sluice generate denver --release DATE DOWNLOAD`)
#   OUT       the output folder (default denver_out): OUT/raw/<RELEASE>/ (the files as
#             downloaded), OUT/warehouse (the tables), OUT/rejects/<RELEASE>/rejects.csv,
#             OUT/<question>/*.csv
#   RELEASE   the release's date, yyyy-MM-dd (default: today, the day of the download)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sluice=${SLUICE:-$root/build/release/apps/cli/sluice}
download=$(cd "$1" && pwd)
mkdir -p "${2:-denver_out}"
out=$(cd "${2:-denver_out}" && pwd)
release=${3:-$(date -u +%F)}

raw="$out/raw/$release"
mkdir -p "$raw"
cp "$download/traffic_accidents.csv" "$download/311_service_requests.csv" "$raw/"
"$sluice" sql --warehouse "$out/warehouse" --rejects "$out/rejects/$release" --format csv \
  -d "raw=$raw" -f "$here/ingest.sql"
"$sluice" sql --warehouse "$out/warehouse" -d "out=$out" -f "$here/analysis.sql"
echo "release $release loaded; Denver answers written to $out"
