#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the ChangeMgmt PowerShell module.
.DESCRIPTION
    Build   : dotnet publish src/ChangeMgmt.Cmdlets and lay out the importable module at out/ChangeMgmt/,
              with help generated from module/help/<culture>/*.md (build/HelpGenerator.ps1).
    Test    : dotnet test ChangeMgmt.slnx -c Release, then Pester over tests/Pester (Pester 5.7.1 from the NuGet cache).
    Package : the module as a .nupkg (Compress-PSResource) at out/packages/, usable with Install-PSResource.
    BrowserTest : the portal's browser tests (tests/browser: npm ci, npm test) against the Release server
              (build it first, e.g. with Test); needs /usr/bin/chromium (Debian package chromium) and Node 20.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 Build
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Package', 'BrowserTest')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the Pester tests (for a quick loop while working on the module).
    [switch] $SkipDotnetTest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$ModuleOut = Join-Path $Root 'out/ChangeMgmt'
$PublishDir = Join-Path $Root 'out/publish/ChangeMgmt.Cmdlets'
$PesterVersion = '5.7.1'
$NativeRids = 'linux-x64', 'linux-arm64', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-arm64'

function Invoke-Native {
    # Simple function (no param block) so that native switches such as -o and -c pass through untouched.
    $file, $rest = $args
    & $file @rest
    if ($LASTEXITCODE -ne 0) { throw "$file $($rest -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    if (Test-Path $PublishDir) { Remove-Item $PublishDir -Recurse -Force }
    Invoke-Native dotnet publish (Join-Path $Root 'src/ChangeMgmt.Cmdlets/ChangeMgmt.Cmdlets.csproj') -c $Configuration -o $PublishDir --nologo
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut -Force | Out-Null
    Copy-Item (Join-Path $Root 'ChangeMgmt.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'module/ChangeMgmt.Format.ps1xml') $ModuleOut
    # Dependency isolation: only the cmdlets assembly sits beside the manifest (default load context);
    # ChangeMgmt.Core and its dependencies go to Dependencies/ and load in the module's own context.
    Copy-Item (Join-Path $PublishDir 'ChangeMgmt.Cmdlets.dll') $ModuleOut
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'Dependencies') -Force
    Get-ChildItem $PublishDir -File -Filter *.dll |
        Where-Object Name -ne 'ChangeMgmt.Cmdlets.dll' |
        Copy-Item -Destination $dependencies
    # Native SQLite for the desktop/server platforms PowerShell 7 runs on; the load context probes runtimes/<rid>/native.
    foreach ($rid in $NativeRids) {
        $native = Join-Path $PublishDir "runtimes/$rid/native"
        if (-not (Test-Path $native)) { continue }
        $target = New-Item -ItemType Directory -Path (Join-Path $dependencies "runtimes/$rid/native") -Force
        Copy-Item (Join-Path $native '*') $target
    }
    Test-ModuleManifest (Join-Path $ModuleOut 'ChangeMgmt.psd1') | Out-Null
    # Help: module/help/<culture>/*.md -> <culture>/ChangeMgmt.Cmdlets.dll-Help.xml (MAML) and about_*.help.txt,
    # checked against the built cmdlets in a separate pwsh that imports the module (a gap fails the build).
    foreach ($culture in Get-ChildItem (Join-Path $Root 'module/help') -Directory) {
        Invoke-Pwsh -File (Join-Path $Root 'build/HelpGenerator.ps1') -SourcePath $culture.FullName -ModulePath $ModuleOut -OutputPath (Join-Path $ModuleOut $culture.Name)
        if ($LASTEXITCODE -ne 0) { throw "Help generation for $($culture.Name) failed (exit code $LASTEXITCODE); see the gaps above." }
    }
    Write-Host "Module laid out at $ModuleOut"
}

function Invoke-Pwsh {
    # A fresh pwsh process (same PowerShell as this one): arguments after -NoProfile -NonInteractive.
    # Under `dotnet pwsh` the process is dotnet itself: start pwsh.dll through it.
    $host_ = [Environment]::ProcessPath
    $pwshArgs = @('-NoProfile', '-NonInteractive') + $args
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { $pwshArgs = @((Join-Path $PSHOME 'pwsh.dll')) + $pwshArgs }
    & $host_ @pwshArgs
}

function Get-PesterManifest {
    $cache = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Join-Path $cache "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Invoke-Native dotnet restore (Join-Path $Root 'build/Pester/Pester.Download.csproj') --nologo
    }
    if (-not (Test-Path $manifest)) { throw "Pester $PesterVersion not found at $manifest after restore." }
    $manifest
}

function Invoke-TestTask {
    $dotnetFailed = $false
    if ($SkipDotnetTest) {
        Write-Host 'Skipping dotnet test (-SkipDotnetTest).'
    }
    else {
        & dotnet test (Join-Path $Root 'ChangeMgmt.slnx') -c $Configuration
        if ($LASTEXITCODE -ne 0) { $dotnetFailed = $true; Write-Warning "dotnet test failed with exit code $LASTEXITCODE." }
    }

    $pester = Get-PesterManifest
    # Pester runs in its own process so that Run.Exit reports its failure count as the exit code.
    $script = @"
Import-Module '$($pester -replace "'", "''")' -RequiredVersion $PesterVersion -ErrorAction Stop
`$c = New-PesterConfiguration
`$c.Run.Path = '$((Join-Path $Root 'tests/Pester') -replace "'", "''")'
`$c.Run.Exit = `$true
`$c.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration `$c
"@
    Invoke-Pwsh -Command $script
    $pesterExit = $LASTEXITCODE
    if ($pesterExit -ne 0) { Write-Warning "Pester failed with exit code $pesterExit." }
    if ($dotnetFailed -or $pesterExit -ne 0) { throw 'Tests failed.' }
}

function Invoke-PackageTask {
    if (-not (Test-Path (Join-Path $ModuleOut 'ChangeMgmt.psd1'))) { Invoke-BuildTask }
    $packages = Join-Path $Root 'out/packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    New-Item -ItemType Directory -Path $packages -Force | Out-Null
    # Compress-PSResource (PSResourceGet, shipped with PowerShell 7.6) writes the .nupkg Install-PSResource takes.
    Compress-PSResource -Path $ModuleOut -DestinationPath $packages
    $nupkg = Get-ChildItem $packages -Filter 'ChangeMgmt.*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw "No ChangeMgmt .nupkg in $packages." }
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
    try { $entries = $zip.Entries.FullName -replace '\\', '/' } finally { $zip.Dispose() }
    foreach ($required in 'ChangeMgmt.psd1', 'ChangeMgmt.Cmdlets.dll', 'ChangeMgmt.Format.ps1xml', 'Dependencies/ChangeMgmt.Core.dll') {
        if ($entries -notcontains $required) { throw "$($nupkg.Name) lacks $required." }
    }
    Write-Host "Package: $($nupkg.FullName)"
}

function Invoke-BrowserTestTask {
    # Screenshots of every page visited and the servers' logs end up in tests/browser/out/.
    $browser = Join-Path $Root 'tests/browser'
    Invoke-Native npm ci --prefix $browser --no-audit --no-fund
    Invoke-Native npm test --prefix $browser
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'BrowserTest' { Invoke-BrowserTestTask }
    }
}
