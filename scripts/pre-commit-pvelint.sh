#!/usr/bin/env bash
# The pvelint hook of .pre-commit-hooks.yaml: runs 'pvelint scan' with the hook's args in the repository root
# (scan's default PATH). pvelint on PATH is used when there is one; otherwise this checkout of pvelint (the copy pre-commit keeps
# of the hook repository) is packed and installed once into .pre-commit-tool/ beside it (or $PVELINT_TOOL_DIR).
# Needs the .NET 10 SDK.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if command -v pvelint >/dev/null 2>&1; then
  pvelint=pvelint
else
  tool_dir=${PVELINT_TOOL_DIR:-"$here/../.pre-commit-tool"}
  [ -x "$tool_dir/pvelint" ] || "$here/install-pvelint.sh" "$tool_dir" >/dev/null
  pvelint="$tool_dir/pvelint"
fi

exec "$pvelint" scan "$@"
