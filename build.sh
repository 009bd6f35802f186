#!/usr/bin/env bash
# XenBundle bootstrap: check the .NET SDK that global.json asks for, build the pipeline
# host when (and only when) its sources changed since the last build, then run it with
# every argument: ./build.sh --target=XenBundle --recipe=recipes/demo
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export XENBUNDLE_CALLER_DIR="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

sdk_wanted() { sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$root/global.json"; }

# The SDK is needed to build the host; checked only then, since asking costs a tenth of a second.
check_sdk() {
    if ! (cd "$root" && dotnet --version >/dev/null 2>&1); then
        echo "error: no .NET SDK matching global.json ($(sdk_wanted), rollForward latestFeature); installed: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')" >&2
        exit 2
    fi
}

if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK is not installed; global.json asks for $(sdk_wanted) or a later 10.0 feature band (https://dot.net)" >&2
    exit 2
fi

host="$root/build/bin/host/Build.dll"
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
        check_sdk
        next="$stamp.next"
        touch "$next"
        echo "Building the pipeline host (build/Build.csproj)..." >&2
        log="$(mktemp)"
        # Published ReadyToRun: precompiled code starts in a third of the time it takes
        # to JIT the Cake engine. Where no crossgen package is available for this
        # platform, a plain framework-dependent build does the same work, slower to start.
        publish=(dotnet publish "$root/build/Build.csproj" -c Release --use-current-runtime --self-contained false
                 -o "$root/build/bin/host" -nologo -v q)
        if ! "${publish[@]}" -p:PublishReadyToRun=true >"$log" 2>&1 \
            && ! "${publish[@]}" -p:PublishReadyToRun=false >>"$log" 2>&1; then
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
