#!/usr/bin/env bash
# Instructions the engine executes per replay of workload 1 (or of workload 2 at N events:
# `bash bench/instructions.sh N`), counted by `perf stat` (Debian's
# linux-perf): a process that loads and warms up only, subtracted from one that also replays 3 times.
# Counts are steadier than wall time on a shared machine (about ±2% here, where medians of wall time
# moved 15% between runs); V8's helper threads are turned off (--single-threaded) so that garbage
# collection is counted on the thread that caused it. Run after a build (`npx tsup --silent`).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! perf stat -e instructions true >/dev/null 2>&1; then
  echo "perf cannot count instructions here (install linux-perf, or the machine does not expose the counters)" >&2
  exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
scale=()
if [ -n "${1:-}" ]; then scale=(--events "$1"); fi
count() {
  perf stat -x, -e instructions node --single-threaded bench/replay-only.mjs --runs "$1" "${scale[@]}" 2>&1 >"$out" | awk -F, '/instructions/ { print $1 }'
}
base=$(count 0)
with=$(count 3)
workload=$(awk '/^workload [12]:/ { print $2 }' "$out" | tr -d :)
events=$(awk '/^workload [12]:/ { print $3 }' "$out")
per_replay=$(( (with - base) / 3 ))
echo "workload $workload ($events events): $(( per_replay / 1000000 )) M instructions per replay, $(( per_replay / events )) per event"
