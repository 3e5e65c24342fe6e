#!/usr/bin/env bash
# Runs what the integrations run, so that a change that breaks them fails here and not in a user's CI:
#   1. install-pvelint.sh: pack this checkout as a .NET tool and install it from a local folder feed (as action.yml
#      and the pre-commit hook do);
#   2. action.yml: its run: steps, in order, through run-composite-action.py (a bad example must fail the job with
#      exit code 1 and still leave the SARIF file and the Markdown job summary; a clean tree must pass);
#   3. .pre-commit-hooks.yaml: each hook's entry, as pre-commit runs it (in the repository root, no file names),
#      and 'pre-commit try-repo' when pre-commit is installed.
# Needs the .NET 10 SDK, python3 with PyYAML (python3-yaml); prints "integrations: ok" at the end.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-integrations: FAILED: $*" >&2; exit 1; }

echo "== 1. install (dotnet pack + dotnet tool install from a local feed)"
tool_dir=$("$repo/scripts/install-pvelint.sh" "$work/tool")
[ "$("$tool_dir/pvelint" --version)" != "" ] || fail "the installed pvelint prints no version"
export PATH="$tool_dir:$PATH"

echo "== 2a. action.yml on a cluster with errors: the job fails, the SARIF file and the summary are there"
cp -r "$repo/examples/two-site-cluster" "$work/bad"
set +e
python3 "$repo/scripts/run-composite-action.py" "$repo/action.yml" "$work/bad" setup-dotnet=false upload-sarif=true category=pvelint-check > "$work/bad.log" 2>&1
status=$?
set -e
cat "$work/bad.log"
[ "$status" -eq 1 ] || fail "action.yml on examples/two-site-cluster: expected exit code 1, got $status"
grep -q -- "--- Upload SARIF: uses github/codeql-action/upload-sarif@v4 with {'sarif_file': 'pvelint.sarif', 'category': 'pvelint-check'}" "$work/bad.log" || fail "the upload step did not get the SARIF file and the category"
python3 - "$work/bad/pvelint.sarif" <<'PY' || fail "the SARIF file is not a SARIF 2.1.0 log with results"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0" and log["runs"][0]["results"], "no results"
PY
grep -q -- "--- job summary (0 characters)" "$work/bad.log" && fail "the job summary is empty"

echo "== 2b. action.yml on a clean tree: the job passes"
mkdir -p "$work/clean/etc/pve"
printf 'keyboard: en-us\n' > "$work/clean/etc/pve/datacenter.cfg"
python3 "$repo/scripts/run-composite-action.py" "$repo/action.yml" "$work/clean" setup-dotnet=false upload-sarif=false \
  || fail "action.yml on a clean tree failed"

echo "== 3. .pre-commit-hooks.yaml entries"
entries=$(python3 -c "import yaml,sys; print('\n'.join(h['id'] + '\t' + h['entry'] for h in yaml.safe_load(open(sys.argv[1]))))" "$repo/.pre-commit-hooks.yaml")
while IFS=$'\t' read -r id entry; do
  # pre-commit runs a script entry from the hook repository and a system entry from PATH, in the user's repository.
  command=$entry
  [ -x "$repo/${entry%% *}" ] && command="$repo/$entry"
  (cd "$work/bad" && $command >/dev/null) && fail "hook $id passed on a cluster with errors"
  (cd "$work/clean" && $command >/dev/null) || fail "hook $id failed on a clean tree"
  echo "hook $id: fails on errors, passes when clean"
done <<< "$entries"
# Without pvelint on PATH the script hook installs this revision itself, once.
hook_path=${PATH#"$tool_dir:"}
(cd "$work/bad" && PATH=$hook_path PVELINT_TOOL_DIR="$work/hook-tool" "$repo/scripts/pre-commit-pvelint.sh" >/dev/null) && fail "the hook passed on a cluster with errors"
[ -x "$work/hook-tool/pvelint" ] || fail "the hook did not install pvelint into PVELINT_TOOL_DIR"
(cd "$work/clean" && PATH=$hook_path PVELINT_TOOL_DIR="$work/hook-tool" "$repo/scripts/pre-commit-pvelint.sh" >/dev/null) || fail "the self-installed hook failed on a clean tree"
echo "hook pvelint without pvelint on PATH: installs it once, then fails on errors, passes when clean"

if command -v pre-commit >/dev/null 2>&1; then
  echo "== 3b. pre-commit try-repo"
  (cd "$work/bad" && git init -q && git add -A && git -c user.name=x -c user.email=x@x commit -qm x) || fail "git init"
  set +e
  (cd "$work/bad" && pre-commit try-repo "$repo" pvelint --all-files) > "$work/try-repo.log" 2>&1
  status=$?
  set -e
  cat "$work/try-repo.log"
  [ "$status" -eq 1 ] && grep -qE '^pvelint\.+Failed' "$work/try-repo.log" && grep -q 'error PVE' "$work/try-repo.log" \
    || fail "pre-commit try-repo: expected the pvelint hook to run and fail on the errors (exit code $status)"
  echo "pre-commit try-repo: the hook runs and fails on errors"
else
  echo "note: pre-commit is not installed; 'pre-commit try-repo' was not run (the hook entries were)"
fi

echo "integrations: ok"
