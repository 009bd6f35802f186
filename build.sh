#!/usr/bin/env bash
# XenBundle bootstrap: check the .NET SDK that global.json asks for, build the pipeline
# host when (and only when) its sources changed since the last build, then run it with
# every argument: ./build.sh --target=XenBundle --recipe=recipes/demo
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export XENBUNDLE_CALLER_DIR="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

want="$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$root/global.json")"
if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK is not installed; global.json asks for $want or a later 10.0 feature band (https://dot.net)" >&2
    exit 2
fi
if ! (cd "$root" && dotnet --version >/dev/null 2>&1); then
    echo "error: no .NET SDK matching global.json ($want, rollForward latestFeature); installed: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')" >&2
    exit 2
fi

host="$root/build/bin/Release/net10.0/Build.dll"
stamp="$root/build/bin/.source-stamp"

# Rebuild only when a source of the host is newer than the last successful build.
needs_build() {
    [[ -f "$host" && -f "$stamp" ]] || return 0
    [[ -n "$(find "$root/build" "$root/src" "$root/eng" "$root/global.json" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
        \( -name bin -o -name obj \) -prune -o -newer "$stamp" -type f -print -quit)" ]]
}

if needs_build; then
    mkdir -p "$root/build/bin"
    exec 9>"$root/build/bin/.build-lock"
    command -v flock >/dev/null 2>&1 && flock 9
    if needs_build; then
        next="$stamp.next"
        touch "$next"
        echo "Building the pipeline host (build/Build.csproj)..." >&2
        log="$(mktemp)"
        if ! dotnet build "$root/build/Build.csproj" -c Release -nologo -v q >"$log" 2>&1; then
            cat "$log" >&2
            rm -f "$log" "$next"
            echo "error: the pipeline host does not build (see above)" >&2
            exit 1
        fi
        rm -f "$log"
        mv "$next" "$stamp"
    fi
    exec 9>&-
fi

cd "$root"
exec dotnet "$host" "$@"
