#!/usr/bin/env bash
# run-fuzzer.sh FUZZER DICT SECONDS REGRESSIONS CORPUS SEEDS...
# Replays every input in REGRESSIONS (the crashers found before), then fuzzes for SECONDS from
# CORPUS (new inputs are written there) and SEEDS. Fails on a crash, leak, time-out (10 s) or an
# input that needs more than 2 GB. Prints the number of executions.
set -euo pipefail
fuzzer=$1 dict=$2 seconds=$3 regressions=$4 corpus=$5
shift 5
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
limits=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024)
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    "$fuzzer" "${limits[@]}" "$regressions"/*
fi
mkdir -p "$corpus"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$fuzzer" "${limits[@]}" -dict="$dict" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$corpus-" "$corpus" "$@" >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
    tail -n 80 "$log"
    echo "$(basename "$fuzzer"): failed (exit $status); the input is $corpus-crash-* (or leak-, timeout-, oom-)" >&2
    exit "$status"
fi
grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$log" || tail -n 5 "$log"
