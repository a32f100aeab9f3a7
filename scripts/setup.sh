#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a working Sluice: installs what it needs,
# builds the release binary, and runs the main job on its embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/apps/cli/sluice demo --dir sample
echo
echo "Built ./build/release/apps/cli/sluice; try: ./build/release/apps/cli/sluice --help"
