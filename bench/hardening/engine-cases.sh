#!/usr/bin/env bash
# Regenerates the engine-side hardening inputs of issue 6 and measures a Release build of the CLI on each:
# peak memory (/usr/bin/time -v), wall and CPU time, exit code, the last line of text output.
#
#   bench/hardening/engine-cases.sh [WORKDIR]     (default: a fresh temporary directory, removed afterwards)
#
# Cases: a guest config of 1 000 000 bad lines (SARIF), 200 000 HA resources naming a missing group (SARIF),
# 80 000 suppression comments each above a bad line (SARIF), and the former hangs and crashes (a CRUSH map
# listing one bucket twice per level for 40 levels, an ignore-paths glob with many '**' against one long name,
# a .pvelint.yaml alias bomb in keys, 20 000 '? ' keys). Targets: under 1 GB and 10 s each.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-}
if [[ -z "$work" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

dotnet build -c Release "$repo/src/Linter.Cli/Linter.Cli.csproj" -o "$work/bin" -v q -nologo >/dev/null
pvelint="$work/bin/pvelint"

corosync() {
  mkdir -p "$1/etc/pve"
  printf 'totem {\n  version: 2\n  cluster_name: bench\n}\nnodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    quorum_votes: 1\n    ring0_addr: 10.0.0.1\n  }\n}\nquorum {\n  provider: corosync_votequorum\n}\n' > "$1/etc/pve/corosync.conf"
}

# --- inputs ---------------------------------------------------------------------------------------------------
c="$work/bad-lines"; corosync "$c"; mkdir -p "$c/etc/pve/nodes/pve1/qemu-server"
{ echo 'memory: 1024'; seq 1 1000000 | awk '{print "bad" $1}'; } > "$c/etc/pve/nodes/pve1/qemu-server/150.conf"

c="$work/ha-resources"; corosync "$c"; mkdir -p "$c/etc/pve/ha"
seq 100 200099 | awk '{printf "vm: %d\n\tstate started\n\tgroup g%d\n\n", $1, $1 % 10}' > "$c/etc/pve/ha/resources.cfg"

c="$work/suppressions"; corosync "$c"; mkdir -p "$c/etc/pve/nodes/pve1/qemu-server"
{ echo 'memory: 1024'; seq 1 80000 | awk '{print "# pvelint-disable-next-line PVE0001 -- generated"; print "bad" $1}'; } > "$c/etc/pve/nodes/pve1/qemu-server/150.conf"

c="$work/crush-doubling"; corosync "$c"; mkdir -p "$c/ceph"
{
  printf 'type 0 osd\ntype 1 host\ntype 8 datacenter\ndevice 0 osd.0\nhost pve1 {\n\tid -1\n\talg straw2\n\titem osd.0 weight 1.0\n}\n'
  below=pve1
  for i in $(seq 0 39); do
    printf 'datacenter dc%d {\n\tid -%d\n\talg straw2\n\titem %s weight 1.0\n\titem %s weight 1.0\n}\n' "$i" $((i + 2)) "$below" "$below"
    below=dc$i
  done
} > "$c/ceph/crushmap.txt"

c="$work/glob"; mkdir -p "$c/etc/pve"
echo "ignore-paths: ['**a**a**a**a**a**a**a**a**a**b']" > "$c/.pvelint.yaml"
printf 'x\n' > "$c/etc/pve/$(head -c 200 /dev/zero | tr '\0' a).cfg"

c="$work/yaml-alias-keys"; mkdir -p "$c"
{
  echo 'a0: &a0 [x, y]'
  for i in $(seq 1 10); do
    printf 'a%d: &a%d { ? [' "$i" "$i"; for _ in $(seq 1 9); do printf '*a%d, ' $((i - 1)); done; printf '*a%d] : 1 }\n' $((i - 1))
  done
} > "$c/.pvelint.yaml"

c="$work/yaml-deep-keys"; mkdir -p "$c"
{ for _ in $(seq 1 20000); do printf '? '; done; echo; } > "$c/.pvelint.yaml"

# --- measurements ---------------------------------------------------------------------------------------------
printf '%-16s %8s %8s %8s %10s %4s  %s\n' case wall_s user_s sys_s peak_MB exit "last line of text output"
for case in bad-lines ha-resources suppressions crush-doubling glob yaml-alias-keys yaml-deep-keys; do
  set +e
  /usr/bin/time -v -o "$work/$case.time" timeout 300 "$pvelint" scan "$work/$case" --format sarif --output "$work/$case.sarif" >/dev/null 2>"$work/$case.err"
  code=$?
  last=$(timeout 300 "$pvelint" scan "$work/$case" 2>&1 | tail -n 1)
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/$case.time")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/$case.time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/$case.time")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/$case.time")
  printf '%-16s %8s %8s %8s %10s %4s  %s\n' "$case" "$wall" "$user" "$sys" "$peak" "$code" "${last:0:110}"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall time depends on it; user+sys do not)"
