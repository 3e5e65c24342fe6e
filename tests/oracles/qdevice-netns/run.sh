#!/usr/bin/env bash
# run.sh HARNESS [SCENARIO...] - runs the scenarios through corosync-netns.sh (real corosync + corosync-qnetd, see
# ../shared/oracles/corosync-netns/README.md; run it from a scratch copy, it is never committed) one after another
# and stores each one's JSON Lines report in results/NAME.jsonl. Needs root. About 1-3 minutes per scenario.
set -u
here=$(cd "$(dirname "$0")" && pwd)
harness=${1:?usage: run.sh /path/to/corosync-netns.sh [scenario-name...]}
shift
mkdir -p "$here/results"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for conf in "$here"/scenarios/*.conf; do names+=("$(basename "$conf" .conf)"); done
fi
for name in "${names[@]}"; do
    t0=$(date +%s)
    "$harness" -c "$here/scenarios/$name.conf" -f "$here/scenarios/$name.steps" --format json \
        >"$here/results/$name.jsonl.tmp" 2>"$here/results/$name.stderr.tmp"
    rc=$?
    mv "$here/results/$name.jsonl.tmp" "$here/results/$name.jsonl"
    # the harness's stderr is kept only when it failed (setup or usage error): results/NAME.stderr
    if [ $rc -eq 0 ]; then rm -f "$here/results/$name.stderr.tmp"; else mv "$here/results/$name.stderr.tmp" "$here/results/$name.stderr"; fi
    echo "$name: exit $rc, $(( $(date +%s) - t0 )) s" >&2
done
