#!/usr/bin/env bash
# Runs Proxmox's ha-tester on generated scenario directories and dumps their effective rules.
# Usage: HA_SRC=/path/to/pve-ha-manager/src COMMON_SRC=/path/to/pve-common/src STUBS=/path/to/stubs run.sh DIR...
# Writes DIR/status/* (the tester's own output), DIR/effective_rules.json and DIR/time.txt
# ("wall user sys" seconds of the tester process). See README.md for the setup.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${HA_SRC:?set HA_SRC to pve-ha-manager's src directory}"
: "${COMMON_SRC:?set COMMON_SRC to pve-common's src directory}"
: "${STUBS:?set STUBS to the stub directory (PVE::Cluster, PVE::RS::ResourceScheduling::Static)}"
export PERL5LIB="$STUBS:$COMMON_SRC"
TIMEFORMAT='%R %U %S'
for dir in "$@"; do
  dir="$(cd "$dir" && pwd)"
  (cd "$HA_SRC/test" && { time perl -I../ ../pve-ha-tester "$dir" >/dev/null 2>"$dir/tester.err"; } 2>"$dir/time.txt") \
    || echo "tester failed on $dir" >&2
  (cd "$HA_SRC" && perl -I. "$here/effective_rules.pl" "$dir")
done
