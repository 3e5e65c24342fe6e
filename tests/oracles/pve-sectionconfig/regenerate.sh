#!/bin/sh
# Regenerates the HA section-config differential test data: inputs from generate.py, verdicts from PVE 9.1's own
# parser (the oracle of ../shared/oracles/pve-sectionconfig, built by its rebuild_oracle.sh into ORACLE_DIR, a
# scratch folder outside the repository: the upstream code is never committed).
#   ORACLE_DIR=/work/scratch/x/oracle tests/oracles/pve-sectionconfig/regenerate.sh [COUNT_PER_KIND] [SEED]
# Writes tests/oracle-data/sectionconfig/inputs/*.cfg and tests/oracle-data/sectionconfig/verdicts.jsonl.
set -e
ORACLE=${ORACLE_DIR:?set ORACLE_DIR to a folder prepared by ../shared/oracles/pve-sectionconfig/rebuild_oracle.sh with driver.pl copied in}
HERE=$(cd "$(dirname "$0")" && pwd)
DATA="$HERE/../../oracle-data/sectionconfig"
RAW=$(mktemp -d)
trap 'rm -rf "$RAW"' EXIT
rm -rf "$DATA/inputs"
mkdir -p "$DATA/inputs"
python3 "$HERE/generate.py" "$DATA/inputs" "${1:-300}" "${2:-7}"
for f in "$DATA"/inputs/*.cfg; do
  name=$(basename "$f" .cfg)
  printf '%s\t%s\t%s.json\n' "${name%%-*}" "$f" "$name"
done | perl "$ORACLE/driver.pl" "$RAW" -
python3 "$HERE/condense.py" "$RAW" "$DATA/inputs" > "$DATA/verdicts.jsonl"
echo "$(ls "$DATA/inputs" | wc -l) inputs, verdicts in $DATA/verdicts.jsonl"
