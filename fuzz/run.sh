#!/usr/bin/env bash
# Runs the pvelint fuzz targets under AFL++ (SharpFuzz instrumentation), each for a set time, then replays every
# crash and hang it saved against the uninstrumented build. See fuzz/README.md.
#
#   fuzz/run.sh [--minutes N] [--timeout-ms N] [--nice N] [--fresh] [--no-build] [TARGET...]
#
#   --minutes N      time per target (default 30)
#   --timeout-ms N   per-input limit; an input that runs longer is saved as a hang (default 10000, and 30000 for
#                    the pipeline, whose first input also pays for JIT-compiling every rule and reporter)
#   --nice N         niceness of afl-fuzz and the targets (default 19: the machine is shared)
#   --fresh          forget earlier runs of these targets (default: resume their queue, counts accumulate)
#   --no-build       reuse fuzz/out/build and fuzz/out/instrumented (e.g. a second run.sh in parallel)
#   TARGET...        default: every target ('dotnet fuzz/out/build/PveLint.Fuzz.dll list')
#
# Output in fuzz/out/ (ignored by git): findings/<target>/default/{queue,crashes,hangs,fuzzer_stats},
# findings/<target>/triage.txt (the replay of crashes and hangs), results.tsv (one line per target and run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/out"
minutes=30
timeout_ms=
niceness=19
fresh=0
build=1
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --timeout-ms) timeout_ms="$2"; shift 2 ;;
    --nice) niceness="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

if ! command -v afl-fuzz >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
  else
    echo "run.sh: afl-fuzz is missing; install Debian's afl++ (apt-get install afl++)" >&2; exit 2
  fi
fi

# The assemblies whose branches AFL sees: pvelint's own, and the YAML and parser-combinator libraries they drive.
instrumented_dlls=(PveLint.Parsers.dll PveLint.Rules.dll pvelint.dll YamlDotNet.dll Pidgin.dll)

if [[ $build -eq 1 ]]; then
  echo "== build"
  nice -n "$niceness" dotnet build "$here/PveLint.Fuzz/PveLint.Fuzz.csproj" -c Release -o "$out/build" -nologo -v q
  if [[ ! -x "$out/tools/sharpfuzz" ]]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
  fi
  echo "== instrument ${instrumented_dlls[*]}"
  rm -rf "$out/instrumented"
  cp -r "$out/build" "$out/instrumented"
  for dll in "${instrumented_dlls[@]}"; do
    "$out/tools/sharpfuzz" "$out/instrumented/$dll" >/dev/null
  done
fi

if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(dotnet "$out/build/PveLint.Fuzz.dll" list | cut -f1)
fi

export AFL_SKIP_BIN_CHECK=1               # the target is 'dotnet', which has no AFL instrumentation of its own
export AFL_NO_AFFINITY=1                  # shared cores: do not pin
export AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1
export AFL_FORKSRV_INIT_TMOUT=120000      # dotnet starts slowly on a loaded machine
export AFL_AUTORESUME=1

stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$2" 2>/dev/null || true; }

mkdir -p "$out/findings"
[[ -f "$out/results.tsv" ]] || printf 'date\ttarget\tminutes\trun_time_s\texecs_done\texecs_per_sec\tcorpus_count\tedges_found\tsaved_crashes\tsaved_hangs\n' > "$out/results.tsv"
for target in "${targets[@]}"; do
  dir="$out/findings/$target"
  seeds="$here/seeds/$target"
  [[ -d "$seeds" ]] || { echo "run.sh: no seeds for '$target' in $seeds" >&2; exit 2; }
  [[ $fresh -eq 1 ]] && rm -rf "$dir"
  mkdir -p "$dir"
  dictionary=()
  [[ -f "$here/dictionaries/$target.dict" ]] && dictionary=(-x "$here/dictionaries/$target.dict")
  limit="${timeout_ms:-$([[ $target == pipeline ]] && echo 30000 || echo 10000)}"
  echo "== $target: ${minutes} min, ${limit} ms per input (log: $dir/afl.log)"
  PVELINT_FUZZ_SCRATCH="$dir" nice -n "$niceness" afl-fuzz -i "$seeds" -o "$dir" -t "$limit" -m none -V "$((minutes * 60))" \
    "${dictionary[@]}" -- dotnet "$out/instrumented/PveLint.Fuzz.dll" afl "$target" > "$dir/afl.log" 2>&1 || {
      echo "afl-fuzz failed for $target; last lines of $dir/afl.log:" >&2; tail -20 "$dir/afl.log" >&2; exit 1; }
  rm -rf "$dir"/pvelint-fuzz-*

  stats="$dir/default/fuzzer_stats"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$minutes" \
    "$(stat run_time "$stats")" "$(stat execs_done "$stats")" "$(stat execs_per_sec "$stats")" "$(stat corpus_count "$stats")" \
    "$(stat edges_found "$stats")" "$(stat saved_crashes "$stats")" "$(stat saved_hangs "$stats")" >> "$out/results.tsv"

  # Replay what AFL saved, one process per input so a hang or stack overflow does not hide the rest.
  : > "$dir/triage.txt"
  # A resumed run moves the earlier crashes/ and hangs/ aside (crashes.<date>); replay those too.
  for kind in crashes hangs; do
    for input in "$dir/default/$kind"*/id:*; do
      [[ -f "$input" ]] || continue
      PVELINT_FUZZ_SCRATCH="$dir" timeout "$((limit / 500 + 30))" dotnet "$out/build/PveLint.Fuzz.dll" replay "$target" "$input" --timeout-ms "$((limit * 2))" >> "$dir/triage.txt" 2>&1 \
        || echo "  (exit $?)" >> "$dir/triage.txt"
    done
  done
  rm -rf "$dir"/pvelint-fuzz-*
  echo "   execs $(stat execs_done "$stats"), crashes $(stat saved_crashes "$stats"), hangs $(stat saved_hangs "$stats")"
done

echo "== totals (fuzz/out/results.tsv, latest run per target)"
awk -F'\t' 'NR > 1 { last[$2] = $0 } END { for (t in last) print last[t] }' "$out/results.tsv" | sort -t$'\t' -k2,2 |
  awk -F'\t' 'BEGIN { print "| target | minutes | executions | exec/s | corpus | crashes | hangs |"; print "|---|---:|---:|---:|---:|---:|---:|" }
              { printf "| %s | %.1f | %s | %s | %s | %s | %s |\n", $2, $4 / 60, $5, $6, $7, $9, $10; secs += $4; execs += $5 }
              END { printf "| **total** | %.1f h | %d | | | | |\n", secs / 3600, execs }'
