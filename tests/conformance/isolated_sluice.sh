#!/bin/sh
# Runs `sluice` with a warehouse of its own that is removed afterwards: Spark's golden tests
# run each statement in a fresh process and create the same tables again and again.
# Usage: SLUICE_BIN=path isolated_sluice.sh sql ...
set -u
warehouse=$(mktemp -d "${TMPDIR:-/tmp}/sluice-conformance-XXXXXX") || exit 2
"${SLUICE_BIN:?set SLUICE_BIN}" "$@" --warehouse "$warehouse"
status=$?
rm -rf "$warehouse"
exit $status
