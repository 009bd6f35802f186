#!/usr/bin/env pwsh
# XenBundle bootstrap for Windows: check the .NET SDK that global.json asks for, build the
# pipeline host when its sources changed since the last build, then run it with every argument.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$env:XENBUNDLE_CALLER_DIR = (Get-Location).Path
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

$want = (Get-Content (Join-Path $root 'global.json') | ConvertFrom-Json).sdk.version
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine("error: the .NET SDK is not installed; global.json asks for $want or a later 10.0 feature band (https://dot.net)")
    exit 2
}
Push-Location $root
try { dotnet --version *> $null; $ok = ($LASTEXITCODE -eq 0) } finally { Pop-Location }
if (-not $ok) {
    [Console]::Error.WriteLine("error: no .NET SDK matching global.json ($want, rollForward latestFeature)")
    exit 2
}

$hostDll = Join-Path $root 'build/bin/host/Build.dll'
$stamp = Join-Path $root 'build/bin/.source-stamp'
function Test-NeedsBuild {
    if (-not (Test-Path $hostDll) -or -not (Test-Path $stamp)) { return $true }
    $since = (Get-Item $stamp).LastWriteTimeUtc
    $sources = @('build', 'src', 'eng') | ForEach-Object { Get-ChildItem -Recurse -File (Join-Path $root $_) } |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $sources += @('global.json', 'Directory.Build.props', 'Directory.Packages.props') | ForEach-Object { Get-Item (Join-Path $root $_) }
    return [bool]($sources | Where-Object { $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1)
}

if (Test-NeedsBuild) {
    New-Item -ItemType Directory -Force (Join-Path $root 'build/bin') | Out-Null
    $started = Get-Date
    [Console]::Error.WriteLine('Building the pipeline host (build/Build.csproj)...')
    # Published ReadyToRun (precompiled: starts faster); a plain build where crossgen is not available.
    $publish = @('publish', (Join-Path $root 'build/Build.csproj'), '-c', 'Release', '--use-current-runtime', '--self-contained', 'false', '-o', (Join-Path $root 'build/bin/host'), '-nologo', '-v', 'q')
    dotnet @publish -p:PublishReadyToRun=true
    if ($LASTEXITCODE -ne 0) { dotnet @publish -p:PublishReadyToRun=false }
    if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine('error: the pipeline host does not build (see above)'); exit 1 }
    Set-Content -Path $stamp -Value ''
    (Get-Item $stamp).LastWriteTime = $started
}

Push-Location $root
try { dotnet $hostDll @args; exit $LASTEXITCODE } finally { Pop-Location }
