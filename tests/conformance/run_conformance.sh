#!/bin/sh
# Scores Sluice on Spark's own SQL golden tests (../shared/conformance/spark) and fails when
# the share of result queries answered exactly falls below the floor given as $2.
# Usage: tests/conformance/run_conformance.sh BUILD_DIR [MIN_RESULT_PCT] [run.py options...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$1
floor=${2:-0}
shift; [ $# -gt 0 ] && shift
export SLUICE_BIN="$build/apps/cli/sluice"
json=$(mktemp)
python3 "$root/../shared/conformance/spark/run.py" --engine sluice --bin "$here/isolated_sluice.sh" \
  --json "$json" --quiet "$@"
python3 - "$json" "$floor" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["totals"]
pct = 100.0 * t["passed"] / max(1, t["results"])
print("result queries: %d/%d = %.1f%% (floor %s%%)" % (t["passed"], t["results"], pct, sys.argv[2]))
for name, a in sorted(d["areas"].items()):
    print("  %-18s %4d/%-4d %5.1f%%" % (name, a["passed"], a["results"], a["result_pct"]))
sys.exit(0 if pct >= float(sys.argv[2]) else 1)
PY
rm -f "$json"
