#!/usr/bin/env bash
# The scan step of action.yml: one pvelint run writes SARIF, the Markdown job summary and the text log.
# Inputs (environment): PVELINT_PATH (scan PATH, default .), PVELINT_FAIL_ON (default error), PVELINT_SARIF (SARIF
# file, default pvelint.sarif), PVELINT_CATEGORY (SARIF category, default pvelint), PVELINT_ARGS (more scan options,
# split on spaces), PVELINT (the command, default pvelint on PATH).
# Writes the Markdown to $GITHUB_STEP_SUMMARY and exit-code= and sarif-file= to $GITHUB_OUTPUT (when set), and exits
# with pvelint's own exit code (0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input).
set -uo pipefail

pvelint=${PVELINT:-pvelint}
path=${PVELINT_PATH:-.}
sarif=${PVELINT_SARIF:-pvelint.sarif}
category=${PVELINT_CATEGORY:-pvelint}
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT

args=(scan "$path" --fail-on "${PVELINT_FAIL_ON:-error}" --format sarif --output "$sarif" --format markdown --output "$summary" --format text)
# --sarif-category names the run's category; GitHub's upload keeps a category the file already has.
if $pvelint scan --help 2>/dev/null | grep -q -- '--sarif-category'; then args+=(--sarif-category "$category"); fi
# shellcheck disable=SC2206 # PVELINT_ARGS is a list of options, split on purpose
[ -n "${PVELINT_ARGS:-}" ] && args+=(${PVELINT_ARGS})

$pvelint "${args[@]}"
status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$summary" ]; then cat "$summary" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$status" >> "$GITHUB_OUTPUT"
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
fi
exit "$status"
