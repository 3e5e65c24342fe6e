#!/bin/sh
# Regenerates the HA rules oracle data in this folder from pve-ha-manager's own code.
#
# The upstream code is never committed. To get it:
#   1. bare clones (or the fetch tool's mirrors) of github.com/proxmox/pve-ha-manager and github.com/proxmox/pve-common
#   2. Debian's perl 5.36 with libjson-perl libclone-perl libnet-ip-perl liburi-perl libdevel-cycle-perl
#      libencode-locale-perl libhttp-message-perl libtimedate-perl libfilesys-df-perl libstring-shellquote-perl
#   3. ../../../../shared/oracles/pve-sectionconfig/rebuild_oracle.sh (HA_REV set per release) builds each module tree.
# Usage: COMMON_GIT=... HA_GIT=... SCRATCH=/work/scratch/ha-rules ./regenerate.sh
# Releases: 5.0.8 (9b2729f, PVE 9.1) and 5.0.5 (a75d95d, PVE 9.0 updates). 5.2.0's rule code equals 5.0.8's.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SCRATCH=${SCRATCH:?set SCRATCH to a folder outside the repository}
REBUILD=${REBUILD:-$HERE/../../../../shared/oracles/pve-sectionconfig/rebuild_oracle.sh}
mkdir -p "$SCRATCH"

build() { # VERSION REV
  dir="$SCRATCH/oracle-$1"
  if [ ! -d "$dir/perl" ]; then
    mkdir -p "$dir"
    sed "s/^HA_REV=.*/HA_REV=$2/" "$REBUILD" > "$dir/rebuild.sh"
    sh "$dir/rebuild.sh" "$dir" >/dev/null
  fi
}
build 5.0.8 9b2729f
build 5.0.5 a75d95d

python3 "$HERE/generate_rules.py" 400 8 > "$HERE/rules-cases.jsonl"
python3 "$HERE/generate_migration.py" 80 8 > "$HERE/migration-cases.jsonl"

for v in 5.0.8 5.0.5; do
  # Perl randomises hash order per process: run under several seeds and mark what changes with it.
  for seed in $(seq 1 16); do
    PERL_HASH_SEED=$seed perl "$HERE/rules-oracle.pl" "$SCRATCH/oracle-$v" \
      < "$HERE/rules-cases.jsonl" > "$SCRATCH/rules-$v-$seed.jsonl"
  done
  python3 "$HERE/condense.py" rules "$SCRATCH"/rules-$v-*.jsonl > "$HERE/rules-oracle-$v.jsonl"
done

# The order of the migrated rules depends on Perl's hash order. Fixed PERL_HASH_SEED values show only some of the
# orders; a random seed per run (as every CRM process has) shows them all, so these 256 runs are not repeatable.
rm -f "$SCRATCH"/migration-*.jsonl
for run in $(seq 1 256); do
  perl "$HERE/migration-oracle.pl" "$SCRATCH/oracle-5.0.8" \
    < "$HERE/migration-cases.jsonl" > "$SCRATCH/migration-$run.jsonl"
done
python3 "$HERE/condense.py" migration "$SCRATCH"/migration-*.jsonl > "$HERE/migration-oracle-5.0.8.jsonl"
