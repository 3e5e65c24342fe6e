#!/usr/bin/env bash
# Issue 14: start-up and end-to-end figures of the CLI, side by side in one run, for the JIT build, a
# ReadyToRun publish and the native AOT publish: a .NET hello world, `--version`, a one-file tree, a 512-OSD CRUSH map against
# `crushtool -c`, the 64-node goal cluster lint-only and with the simulation (k <= 2). Prints medians of wall
# time, CPU time (user+sys) and peak RSS, then the goals. CPU time is the figure to compare on a busy machine;
# wall-clock goals only mean something on an idle one (the load average is printed).
# Usage: bench/startup.sh [RUNS [RUNS-OF-THE-GOAL-CLUSTER]]   (defaults 11 and 3; WORK=dir keeps the inputs)
# Needs GNU time at /usr/bin/time; crushtool (from ceph-common) is optional.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-11}"
big_runs="${2:-3}"
work="${WORK:-$(mktemp -d -t pvelint-startup-XXXXXX)}"
mkdir -p "$work"

echo "building (Release JIT, ReadyToRun publish, hello world) into $work ..." >&2
dotnet build -c Release "$repo/src/Linter.Cli" -v quiet -nologo >/dev/null
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishAot=false "$repo/src/Linter.Cli" -o "$work/r2r" -v quiet -nologo >/dev/null
dotnet publish -c Release -r linux-x64 "$repo/src/Linter.Cli" -o "$work/aot" -v quiet -nologo >/dev/null
# the command that runs each build
command_of() {
  case "$1" in
    jit) run=(dotnet "$repo/src/Linter.Cli/bin/Release/net10.0/pvelint.dll") ;;
    r2r) run=(dotnet "$work/r2r/pvelint.dll") ;;
    aot) run=("$work/aot/pvelint") ;;
  esac
}
if [ ! -e "$work/hello/bin/hello.dll" ]; then
  mkdir -p "$work/hello"
  cat >"$work/hello/hello.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization></PropertyGroup>
</Project>
EOF
  echo 'System.Console.WriteLine("Hello, World!");' >"$work/hello/Program.cs"
  # Outside the repository, so that its Directory.Build.props and central package versions do not apply.
  dotnet build -c Release "$work/hello" -o "$work/hello/bin" -v quiet -nologo >/dev/null
fi

# Inputs: the goal cluster, a tree holding only a (3-node) corosync.conf, and the goal's 512-OSD CRUSH map.
[ -d "$work/goal/etc" ] || dotnet run -c Release --project "$repo/bench/PveLint.Bench" -- --generate "$work/goal" >/dev/null
mkdir -p "$work/one/etc/pve" "$work/crush512/ceph"
cp "$repo/examples/two-site-cluster/etc/pve/corosync.conf" "$work/one/etc/pve/corosync.conf"
# crushtool -c of Ceph 16 wants min_size/max_size in every rule (crushtool -d of newer releases leaves them out).
sed 's/^\ttype \(replicated\|erasure\)$/&\n\tmin_size 1\n\tmax_size 10/' "$work/goal/ceph/crush.txt" >"$work/crush512/ceph/crush.txt"

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure LABEL N COMMAND...: prints "LABEL wall-ms cpu-ms peak-MiB" (medians) and remembers them as M_<label>
declare -A wall cpu rss
measure() {
  local label="$1" n="$2"; shift 2
  local w=() c=() m=()
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    read -r e u s k < <(tail -1 "$work/time.txt")
    w+=("$(awk -v e="$e" 'BEGIN { print e * 1000 }')")
    c+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print (u + s) * 1000 }')")
    m+=("$(awk -v k="$k" 'BEGIN { printf "%.1f", k / 1024 }')")
  done
  wall[$label]=$(printf '%s\n' "${w[@]}" | median)
  cpu[$label]=$(printf '%s\n' "${c[@]}" | median)
  rss[$label]=$(printf '%s\n' "${m[@]}" | median)
  printf '%-26s %9.0f %9.0f %9.1f\n' "$label" "${wall[$label]}" "${cpu[$label]}" "${rss[$label]}"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %9s %9s %9s\n' case wall-ms cpu-ms peak-MiB
measure hello "$runs" dotnet "$work/hello/bin/hello.dll"
have_crushtool=false
if command -v crushtool >/dev/null; then
  have_crushtool=true
  measure crushtool-c "$runs" crushtool -c "$work/crush512/ceph/crush.txt" -o "$work/crush.bin"
fi
for build in jit r2r aot; do
  command_of "$build"
  measure "$build:--version" "$runs" "${run[@]}" --version
  measure "$build:one-file" "$runs" "${run[@]}" scan "$work/one"
  measure "$build:crush512" "$runs" "${run[@]}" scan "$work/crush512"
  measure "$build:goal-no-simulate" "$big_runs" "${run[@]}" scan --no-simulate "$work/goal"
  measure "$build:goal-simulate" "$big_runs" "${run[@]}" scan --max-failures 2 "$work/goal"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (wall-clock goals need an idle machine)"

# The goals of issue 14, checked on the medians above.
check() { # NAME VALUE OP LIMIT
  if awk -v v="$2" -v l="$4" "BEGIN { exit !(v $3 l) }"; then r=ok; else r=MISSED; fi
  printf '  %-6s %-58s %s\n' "$r" "$1" "$(printf '%.0f %s %.0f' "$2" "$3" "$4")"
}
for build in jit r2r aot; do
  echo "goals ($build):"
  check "one-file tree wall ms < 150" "${wall[$build:one-file]}" '<' 150
  check "one-file tree wall ms < 3x hello world" "${wall[$build:one-file]}" '<' "$(awk -v h="${wall[hello]}" 'BEGIN { print 3 * h }')"
  check "goal lint-only wall ms < 1000" "${wall[$build:goal-no-simulate]}" '<' 1000
  check "goal lint + k<=2 simulation wall ms < 2000" "${wall[$build:goal-simulate]}" '<' 2000
  $have_crushtool && check "512-OSD CRUSH map wall ms < 3x crushtool -c" "${wall[$build:crush512]}" '<' "$(awk -v h="${wall[crushtool-c]}" 'BEGIN { print 3 * h }')"
  check "goal peak MiB < 150" "${rss[$build:goal-simulate]}" '<' 150
done
