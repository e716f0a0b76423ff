#!/usr/bin/env bash
# Runs fuzz targets one after the other for SECONDS each (default 60), in
# libFuzzer's fork mode so a finding does not end the run, and prints one
# line per target: executions, seconds, and the OOMs, timeouts and crashes
# found (inputs under fuzz/artifacts/<target>/, log under fuzz/logs/).
#   fuzz/run-all.sh [SECONDS] [TARGET...]   (default: every target)
# Seed the corpora first (fuzz/seed.sh); build once with
#   cargo +nightly fuzz build --sanitizer none -O
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    log="logs/$t.log"
    cargo +nightly fuzz run --sanitizer none -O "$t" "corpus/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 \
        -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1
    stats=$(grep -E '^#[0-9]+: cov' "$log" | tail -n 1)
    runs=$(echo "$stats" | grep -oE '^#[0-9]+' | tr -d '#')
    found=$(echo "$stats" | grep -oE 'oom/timeout/crash: [0-9/]+' | cut -d' ' -f2)
    time=$(echo "$stats" | grep -oE 'time: [0-9]+s' | cut -d' ' -f2)
    echo "$t: ${runs:-?} runs in ${time:-?}, oom/timeout/crash ${found:-0/0/0}"
done
