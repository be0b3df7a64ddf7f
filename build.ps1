#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the ChangeMgmt PowerShell module.
.DESCRIPTION
    Build   : dotnet publish src/ChangeMgmt.Cmdlets and lay out the importable module at out/ChangeMgmt/,
              with help generated from module/help/<culture>/*.md (build/HelpGenerator.ps1).
    Test    : dotnet test ChangeMgmt.slnx -c Release, the AWS-mode server tests again against the packaged server
              (after Package), then Pester over tests/Pester (Pester 5.7.1 from the NuGet cache).
    Package : the module as a .nupkg (Compress-PSResource) at out/packages/, usable with Install-PSResource; and the
              deployment at out/deploy/ (-DeployPath; build/DeployPackage.psm1):
                changemgmt-server.zip     the server for AWS Lambda (runtime provided.al2023, handler bootstrap, under the
                                          AWS Lambda Web Adapter layer): linux-x64, Native AOT, workstation GC (measured
                                          best for cold start: bench/coldstart; needs clang, test.sh installs it), with
                                          config/config.json and config/SESConfig.json from -ConfigPath;
                changemgmt-edge-auth.zip  the Lambda@Edge sign-in function (handler index.handler) with -EdgeConfigPath
                                          inlined (skipped, with a warning, when there is no edge configuration);
                portal/                   the portal's static files (web/), for aws s3 sync;
                msp.yaml                  the MSP account's CloudFormation stack for the customers in -ConfigPath
                                          (Export-ChangeMgmtTemplate: deploy/msp.yaml + every customer);
                artifacts.json            each zip's size and base64 SHA-256 (CloudFormation CodeSha256).
              -Component picks some of Module, Server, Edge, Portal, Template (default all).
    BrowserTest : the portal's browser tests (tests/browser: npm ci, npm test) against the Release server
              (build it first, e.g. with Test); needs /usr/bin/chromium (Debian package chromium) and Node 20.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 Build
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 Test
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 Package -ConfigPath ../deployment/config.json -EdgeConfigPath ../deployment/edge-config.json
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Package', 'BrowserTest')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the Pester tests (for a quick loop while working on the module).
    [switch] $SkipDotnetTest,

    # Package: what to produce, any of Module, Server, Edge, Portal, Template (also comma-separated in one argument,
    # as `pwsh -File build.ps1 Package -Component Server,Edge` passes it).
    [ValidateScript({ -not ($_ -split ',' | Where-Object { $_.Trim() -notin 'Module', 'Server', 'Edge', 'Portal', 'Template' }) }, ErrorMessage = "'{0}': the components are Module, Server, Edge, Portal and Template.")]
    [string[]] $Component = @('Module', 'Server', 'Edge', 'Portal', 'Template'),

    # Package: the deployment's config.json (SESConfig.json beside it), bundled into the server package.
    [string] $ConfigPath = $(if ($env:CHANGEMGMT_CONFIG) { $env:CHANGEMGMT_CONFIG } else { Join-Path $PSScriptRoot 'examples/config.json' }),

    # Package: the sign-in function's configuration (fields: lambda/edge-auth/config.example.json); none: no edge package.
    [string] $EdgeConfigPath = $(if ($env:CHANGEMGMT_EDGE_CONFIG) { $env:CHANGEMGMT_EDGE_CONFIG } else { Join-Path $PSScriptRoot 'lambda/edge-auth/config.json' }),

    # Package: where the deployment goes.
    [string] $DeployPath = (Join-Path $PSScriptRoot 'out/deploy')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Component = @($Component -split ',' | ForEach-Object Trim)
$ModuleOut = Join-Path $Root 'out/ChangeMgmt'
$PublishDir = Join-Path $Root 'out/publish/ChangeMgmt.Cmdlets'
$PesterVersion = '5.7.1'
# The server package's variant (build/DeployPackage.psm1): Native AOT, the fastest cold start measured by bench/coldstart
# (results.json) and the smallest zip (issue 25). The previous package, ReadyToRun, is 'sc-r2r-wks-nopgo'.
$ServerPackageVariant = 'aot'
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

# The server tests that need no local mode, run again against the executable build.ps1 Package published (the Lambda
# package's: Native AOT), so the package is proven end to end as it is deployed. Skipped, with a note, before a Package.
function Test-PackagedServer {
    $executable = Join-Path $Root 'out/publish/ChangeMgmt.Lambda-linux-x64/ChangeMgmt.Lambda'
    if (-not (Test-Path $executable -PathType Leaf)) { Write-Host "No packaged server at $executable (run build.ps1 Package first): its tests are skipped."; return $true }
    Write-Host "The AWS-mode server tests against the packaged server $executable"
    $env:CHANGEMGMT_SERVER_EXE = $executable
    # Out-Host: the test run's lines are shown (and counted by .ci/run), not returned with this function's answer.
    try { & dotnet test (Join-Path $Root 'tests/ChangeMgmt.Server.Tests') -c $Configuration --no-build --filter 'Mode=aws' | Out-Host }
    finally { Remove-Item Env:CHANGEMGMT_SERVER_EXE }
    if ($LASTEXITCODE -ne 0) { Write-Warning "The packaged server's tests failed with exit code $LASTEXITCODE."; return $false }
    $true
}

function Invoke-TestTask {
    $dotnetFailed = $false
    if ($SkipDotnetTest) {
        Write-Host 'Skipping dotnet test (-SkipDotnetTest).'
    }
    else {
        & dotnet test (Join-Path $Root 'ChangeMgmt.slnx') -c $Configuration
        if ($LASTEXITCODE -ne 0) { $dotnetFailed = $true; Write-Warning "dotnet test failed with exit code $LASTEXITCODE." }
        if (-not (Test-PackagedServer)) { $dotnetFailed = $true }
    }

    Import-Module (Join-Path $Root 'build/Pester/PesterBootstrap.psm1') -Force
    $pester = Get-PesterManifest -Version $PesterVersion
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

function New-ModulePackage {
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
    [pscustomobject]@{ Component = 'Module'; Path = $nupkg.FullName; Bytes = $nupkg.Length; Note = 'Install-PSResource' }
}

function Test-DeploymentConfig {
    # The server refuses to start on a config it cannot load; say early what the package would lack.
    if (-not (Test-Path $ConfigPath -PathType Leaf)) { throw "Package: no config.json at $ConfigPath (-ConfigPath, else CHANGEMGMT_CONFIG, else examples/config.json)." }
    $config = Get-Content -Raw $ConfigPath | ConvertFrom-Json -AsHashtable
    if ((Resolve-Path $ConfigPath).Path -eq (Join-Path $Root 'examples/config.json')) {
        Write-Warning 'Package: the server package bundles the example configuration (examples/config.json); pass -ConfigPath or set CHANGEMGMT_CONFIG for a deployment.'
    }
    if (-not $config.ContainsKey('auth')) {
        Write-Warning "Package: $ConfigPath has no auth section: on Lambda (AWS mode) the server refuses to start without one (auth.session_secret_env naming the variable that holds the edge function's session secret)."
    }
}

function New-ServerDeployment {
    Test-DeploymentConfig
    $variant = Get-ServerVariant -Name $ServerPackageVariant
    $zip = New-ServerPackage -Root $Root -Variant $variant -ConfigPath $ConfigPath -Configuration $Configuration `
        -PublishPath (Join-Path $Root 'out/publish/ChangeMgmt.Lambda-linux-x64') -DestinationPath (Join-Path $DeployPath 'changemgmt-server.zip')
    if ($zip.UnzippedBytes -ge $LambdaLimits.UnzippedBytes) { throw "The server package unzips to $($zip.UnzippedBytes) bytes: over Lambda's 250 MB." }
    $note = "$($variant.Description); $([math]::Round($zip.UnzippedBytes / 1MB, 1)) MB unzipped"
    if ($zip.ZipBytes -ge $LambdaLimits.DirectUploadZipBytes) { $note += '; over 50 MB zipped: deploy it through S3 (deploy/msp.yaml does), not a direct upload' }
    [pscustomobject]@{
        Component = 'Server'; Path = $zip.Path; Bytes = $zip.ZipBytes; Note = $note
        Manifest = [ordered]@{ sha256 = $zip.Sha256; unzippedBytes = $zip.UnzippedBytes; variant = $variant.Name; config = (Resolve-Path $ConfigPath).Path }
    }
}

function New-EdgeDeployment {
    $zipPath = Join-Path $DeployPath 'changemgmt-edge-auth.zip'
    if (-not $EdgeConfigPath -or -not (Test-Path $EdgeConfigPath -PathType Leaf)) {
        if (Test-Path $zipPath) { Remove-Item $zipPath -Force }
        Write-Warning ("Package: no edge configuration$(if ($EdgeConfigPath) { " at $EdgeConfigPath" }), so no changemgmt-edge-auth.zip. " +
            'The bundle embeds the IdP certificate and the session secret, so it cannot be made from example values: ' +
            'fill in a copy of lambda/edge-auth/config.example.json and pass -EdgeConfigPath PATH (or set CHANGEMGMT_EDGE_CONFIG, ' +
            'or save it as lambda/edge-auth/config.json, which git ignores).')
        return
    }
    $zip = New-EdgePackage -Root $Root -EdgeConfigPath $EdgeConfigPath -StagingPath (Join-Path $Root 'out/publish/edge-auth') -DestinationPath $zipPath
    [pscustomobject]@{
        Component = 'Edge'; Path = $zip.Path; Bytes = $zip.ZipBytes; Note = 'handler index.handler; holds the session secret'
        Manifest = [ordered]@{ sha256 = $zip.Sha256; config = (Resolve-Path $EdgeConfigPath).Path }
    }
}

function New-PortalDeployment {
    $portal = Copy-Portal -Root $Root -DestinationPath (Join-Path $DeployPath 'portal')
    [pscustomobject]@{ Component = 'Portal'; Path = $portal.Path; Bytes = $portal.Bytes; Note = "$($portal.Files) files; aws s3 sync"; Manifest = [ordered]@{ files = $portal.Files } }
}

function New-TemplateDeployment {
    # The module's own cmdlet, in a fresh process (its load context stays out of this one), on the same config.json.
    if (-not (Test-Path (Join-Path $ModuleOut 'ChangeMgmt.psd1'))) { Invoke-BuildTask }
    $path = Join-Path $DeployPath 'msp.yaml'
    $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
    Invoke-Pwsh -Command "`$ErrorActionPreference = 'Stop'; Import-Module $(& $quote $ModuleOut); Export-ChangeMgmtTemplate -ConfigPath $(& $quote (Resolve-Path $ConfigPath).Path) -Path $(& $quote $path) | Out-Null" | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Export-ChangeMgmtTemplate failed for $ConfigPath (exit code $LASTEXITCODE)." }
    [pscustomobject]@{ Component = 'Template'; Path = $path; Bytes = (Get-Item $path).Length; Note = 'the MSP stack: aws cloudformation deploy --s3-bucket'; Manifest = [ordered]@{ config = (Resolve-Path $ConfigPath).Path } }
}

function Write-ArtifactManifest([object[]] $Produced) {
    # artifacts.json: what each zip is (size, base64 SHA-256 for CloudFormation's CodeSha256); earlier entries stay.
    $manifestPath = Join-Path $DeployPath 'artifacts.json'
    $manifest = if (Test-Path $manifestPath) { Get-Content -Raw $manifestPath | ConvertFrom-Json -AsHashtable } else { [ordered]@{} }
    foreach ($p in $Produced | Where-Object Component -ne 'Module') {
        $entry = [ordered]@{ path = [IO.Path]::GetRelativePath($DeployPath, $p.Path); bytes = $p.Bytes }
        foreach ($field in $p.Manifest.GetEnumerator()) { $entry[$field.Key] = $field.Value }
        $entry.producedAt = [DateTimeOffset]::UtcNow.ToString('o')
        $manifest[$p.Component.ToLowerInvariant()] = $entry
    }
    if ($Component -contains 'Edge' -and -not ($Produced | Where-Object Component -eq 'Edge')) { $manifest.Remove('edge') }
    $manifest | ConvertTo-Json -Depth 4 | Set-Content $manifestPath
}

function Invoke-PackageTask {
    Import-Module (Join-Path $Root 'build/DeployPackage.psm1') -Force
    $produced = @(
        if ($Component -contains 'Module') { New-ModulePackage }
        if ($Component | Where-Object { $_ -ne 'Module' }) { New-Item -ItemType Directory -Path $DeployPath -Force | Out-Null }
        if ($Component -contains 'Server') { New-ServerDeployment }
        if ($Component -contains 'Edge') { New-EdgeDeployment }
        if ($Component -contains 'Portal') { New-PortalDeployment }
        if ($Component -contains 'Template') { New-TemplateDeployment }
    )
    if ($Component | Where-Object { $_ -ne 'Module' }) { Write-ArtifactManifest $produced }
    $produced | Format-Table Component, @{ n = 'Size'; e = { '{0:N1} MB' -f ($_.Bytes / 1MB) }; a = 'right' }, Path, Note -AutoSize |
        Out-String -Width 240 | Write-Host
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
