#!/usr/bin/env bash
# Issue 6: peak memory and time of pvelint on the hostile-but-valid inputs (40 files of 15 MiB in a small
# .tar.gz, a 300 MB GNU long name, a 3-million-row config.db). Regenerates the inputs in a temp directory,
# builds the CLI in Release, and prints one line per input. Targets: < 1 GB peak, < 10 s on 2 cores.
# Usage: bench/hardening/measure.sh [WORKDIR]   (needs python3 and GNU time at /usr/bin/time)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d -t pvelint-hardening-XXXXXX)}"
mkdir -p "$work"
[ -e "$work/many-rows.db" ] || python3 "$repo/bench/hardening/make-inputs.py" "$work"
dotnet build -c Release "$repo/src/Linter.Cli" -v quiet -nologo >/dev/null
pvelint="$repo/src/Linter.Cli/bin/Release/net10.0/pvelint"
printf '%-18s %8s %8s %10s %5s\n' input wall-s user-s peak-MB exit
for input in big-files.tar.gz long-name.tar.gz many-rows.db; do
  set +e
  /usr/bin/time -f '%e %U %M %x' -o "$work/time.txt" "$pvelint" scan --fail-on none "$work/$input" >"$work/$input.out" 2>&1
  set -e
  read -r wall user kb code < <(tail -1 "$work/time.txt" | sed 's/Command exited with non-zero status [0-9]*//')
  [ -n "${code:-}" ] || read -r wall user kb code < "$work/time.txt"
  printf '%-18s %8s %8s %10d %5s\n' "$input" "$wall" "$user" $((kb / 1024)) "$code"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (wall time is only meaningful on an idle machine)"
