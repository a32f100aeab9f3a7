#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what it needs, then
#  0. checks formatting;
#  1. release build: unit tests, SQL logic tests, end-to-end CLI tests, DuckDB differential
#     tests, and the score on Spark's SQL golden tests (a floor it must not fall below);
#  2. sanitizer build (ASan + UBSan): the unit tests and the end-to-end tests again;
#  3. thread sanitizer build: the CSV and Parquet reader tests, on several workers;
#  4. fuzz smoke run: each libFuzzer target for a short while (clang).
# SLUICE_FUZZ_SECONDS sets the fuzzing time per target (default 30; 0 skips fuzzing).
# Builds here are unity builds (eight sources per compiler run: about a third of the build
# time of separate files), so two sources of one library must not define the same
# file-local name. The sanitizer and fuzz presets keep line tables only (-g1): full debug
# info cost a third of their build time. Each stage prints the minutes elapsed, to keep CI
# time in view.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
jobs=$(nproc)
stage() { echo "== $1 (at $((SECONDS / 60)) min)"; }

stage "formatting (.clang-format)"
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

stage "release build and tests"
cmake --preset release -DCMAKE_UNITY_BUILD=ON >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

stage "Spark SQL conformance (Spark's golden tests; fails below the floor)"
# With the result's column names and types checked too (catalogString): a query that passes
# so passes on its rows alone, so one run holds both to the floor.
tests/conformance/run_conformance.sh build/release 99 --check-schema

stage "sanitizer build (address, undefined): unit and end-to-end tests"
# The end-to-end tests run the ASan binary: about a minute on two cores.
cmake --preset asan -DSLUICE_SKIP_NODE_TESTS=OFF >/dev/null
cmake --build --preset asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j "$jobs"

stage "thread sanitizer build (reader tests on several workers)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs" --target formats_test dataset_test
TSAN_OPTIONS=halt_on_error=1 SLUICE_THREADS=4 ./build/tsan/tests/formats_test \
  --gtest_filter='Csv*:*Chunker*:Parquet*'
TSAN_OPTIONS=halt_on_error=1 SLUICE_THREADS=4 ./build/tsan/tests/dataset_test \
  --gtest_filter='DatasetWriter*'

fuzz_seconds="${SLUICE_FUZZ_SECONDS:-30}"
if [ "$fuzz_seconds" != "0" ]; then
  stage "fuzz smoke run (${fuzz_seconds}s per target)"
  cmake --preset fuzz >/dev/null
  targets="csv_fuzz datetime_fuzz parquet_footer_fuzz parquet_page_fuzz parquet_file_fuzz sql_parser_fuzz json_fuzz"
  cmake --build --preset fuzz -j "$jobs" --target $targets
  for target in $targets; do
    corpus="build/fuzz/corpus/$target"
    mkdir -p "$corpus"
    if [ -d "tests/fuzz/seeds/$target" ]; then cp tests/fuzz/seeds/$target/* "$corpus"/; fi
    ./build/fuzz/tests/fuzz/$target -max_total_time="$fuzz_seconds" -max_len=8192 "$corpus" \
      > "build/fuzz/$target.log" 2>&1 || { tail -50 "build/fuzz/$target.log"; exit 1; }
    echo "$target: $(grep -c . "build/fuzz/$target.log") log lines, no crash"
  done
fi
echo "All test stages passed in $((SECONDS / 60)) min."
