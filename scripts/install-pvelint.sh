#!/usr/bin/env bash
# Installs pvelint as a .NET tool into TOOL_DIR and prints TOOL_DIR.
#   install-pvelint.sh TOOL_DIR            pack this checkout (src/Linter.Cli) into a local folder feed and install from it
#   install-pvelint.sh TOOL_DIR VERSION    install PveLint.Cli VERSION from the configured NuGet sources
# Used by action.yml and by the pre-commit hook; scripts/check-integrations.sh runs it. Needs the .NET 10 SDK.
set -euo pipefail

tool_dir=${1:?usage: install-pvelint.sh TOOL_DIR [VERSION]}
version=${2:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$tool_dir"
tool_dir=$(cd "$tool_dir" && pwd)

if [ -n "$version" ]; then
  dotnet tool install PveLint.Cli --version "$version" --tool-path "$tool_dir" >&2
else
  # The feed holds only the package just packed, and nothing else is a source: no server is asked.
  feed="$tool_dir/.feed"
  rm -rf "$feed" && mkdir -p "$feed"
  dotnet pack "$repo/src/Linter.Cli/Linter.Cli.csproj" -c Release -o "$feed" -p:PublishDir="$feed/publish/" >&2
  cat > "$feed/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="pvelint-local" value="$feed" /></packageSources></configuration>
CONFIG
  # A reinstall replaces the tool of an earlier checkout (same version number, other code).
  dotnet tool uninstall PveLint.Cli --tool-path "$tool_dir" >/dev/null 2>&1 || true
  dotnet tool install PveLint.Cli --tool-path "$tool_dir" --configfile "$feed/nuget.config" >&2
fi

"$tool_dir/pvelint" --version >&2
echo "$tool_dir"
