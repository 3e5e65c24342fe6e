#!/bin/sh
# Regenerates the corosync.conf differential test data: inputs from generate.py, the verdicts of the real corosync
# 3.1.7 and corosync-qdevice 3.0.3 (../shared/oracles/corosync-startup/coro_oracle.py: corosync -t, the daemon until
# votequorum has loaded, corosync-qdevice for a few seconds; root, apt-get install corosync corosync-qdevice) and of
# PVE's own parser (pve-parse.pl with a copy of pve-cluster's src/PVE/Corosync.pm kept OUTSIDE the repository).
#   PVE_COROSYNC_PM=/tmp/pvecoro/Corosync.pm tests/oracles/corosync-conf/regenerate.sh [COUNT_PER_KIND] [SEED] [OUTDIR]
# Writes OUTDIR (default tests/oracle-data/corosync)/inputs/*.conf and OUTDIR/verdicts.jsonl. coro_oracle.py gives
# every run a fresh authkey, so crypto never fails for want of a key file (a host-dependent refusal).
set -e
: "${PVE_COROSYNC_PM:?set PVE_COROSYNC_PM to a copy of pve-cluster src/PVE/Corosync.pm (outside the repository)}"
HERE=$(cd "$(dirname "$0")" && pwd)
ORACLE=${CORO_ORACLE:-$HERE/../../../../shared/oracles/corosync-startup/coro_oracle.py}
DATA=${3:-$HERE/../../oracle-data/corosync}
JOBS=${JOBS:-3}
RAW=$(mktemp -d)
trap 'rm -rf "$RAW"' EXIT
rm -rf "$DATA/inputs"
mkdir -p "$DATA/inputs"
python3 "$HERE/generate.py" "$DATA/inputs" "${1:-100}" "${2:-7}"
# corosync is slow to start (about 1 s a file): a few oracles, each in its own namespace, share the inputs.
ls "$DATA"/inputs/*.conf > "$RAW/all"
split -n "r/$JOBS" "$RAW/all" "$RAW/part."
for part in "$RAW"/part.*; do
  python3 "$ORACLE" $(cat "$part") > "$part.jsonl" &
done
wait
cat "$RAW"/part.*.jsonl > "$RAW/corosync.jsonl"
perl "$HERE/pve-parse.pl" "$DATA"/inputs/*.conf > "$RAW/pve.jsonl"
python3 "$HERE/condense.py" "$RAW/corosync.jsonl" "$RAW/pve.jsonl" > "$DATA/verdicts.jsonl"
echo "$(ls "$DATA/inputs" | wc -l) inputs, verdicts in $DATA/verdicts.jsonl"
