#!/usr/bin/env bash
# Sets up Proxmox's ha-tester in a scratch folder OUTSIDE the repository (upstream code is never committed).
# Usage: HA_GIT=<bare clone of pve-ha-manager> COMMON_GIT=<bare clone of pve-common> RS_GIT=<bare clone of
#        proxmox-rs> setup.sh SCRATCH
# Then: source SCRATCH/env.sh (basic) or SCRATCH/env-static.sh (static) before run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$(mkdir -p "$1" && cd "$1" && pwd)"
: "${HA_GIT:?}" "${COMMON_GIT:?}"
HA_REV=9b2729f        # "bump version to 5.0.8" (pve-ha-manager of PVE 9.1)
COMMON_REV=46477f6    # "bump version to 9.0.15" (libpve-common-perl of PVE 9.1)
RS_REV=69d1fddb       # proxmox-resource-scheduling 1.0.1 (2025-11-14)
rm -rf "$dest/ha" "$dest/common" "$dest/topsis-score"
mkdir -p "$dest/ha" "$dest/common"
git --git-dir="$HA_GIT" archive "$HA_REV" | tar -x -C "$dest/ha"
git --git-dir="$COMMON_GIT" archive "$COMMON_REV" | tar -x -C "$dest/common"
cat > "$dest/env.sh" <<EOS
export HA_SRC="$dest/ha/src" COMMON_SRC="$dest/common/src" STUBS="$here/stubs"
unset TOPSIS_SCORE
EOS
if [ -n "${RS_GIT:-}" ]; then
  # the static scheduler: upstream's Rust scoring code, built with local stand-ins for anyhow/serde/lazy_static
  cp -r "$here/topsis-score" "$dest/topsis-score"
  for f in topsis.rs pve_static.rs; do
    git --git-dir="$RS_GIT" show "$RS_REV:proxmox-resource-scheduling/src/$f" > "$dest/topsis-score/src/$f"
  done
  (cd "$dest/topsis-score" && cargo build --release --offline -q)
  cat > "$dest/env-static.sh" <<EOS
source "$dest/env.sh"
export TOPSIS_SCORE="$dest/topsis-score/target/release/topsis-score"
EOS
fi
