#!/usr/bin/env bash
# Installs everything Sluice needs to build, test and benchmark on Debian 12.
# Debian packages only (plus npm peers for tests and benchmarks); idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format time
  clang-14 libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  zlib1g-dev libzstd-dev libsnappy-dev liblz4-dev libbrotli-dev
  libcctz-dev libcli11-dev libfmt-dev libxxhash-dev libsimdjson-dev libedit-dev
  libpcre2-dev libssl-dev
  libbsd-dev libmd-dev libncurses-dev  # archives libedit's static link needs
  tzdata
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm peers (DuckDB as the test oracle; Polars for benchmarks), pinned in package.json.
if [ "${SLUICE_SKIP_NPM:-0}" != "1" ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
