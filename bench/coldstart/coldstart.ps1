#Requires -Version 7.4
<#
.SYNOPSIS
    Cold start of the server's Lambda package, per packaging variant.
.DESCRIPTION
    Packages the server once per variant exactly as build.ps1 Package does (build/DeployPackage.psm1: dotnet publish
    -r linux-x64, bootstrap, config/, zip with Unix modes), unzips it, then starts it $Runs times as Lambda would
    (bootstrap with LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, AWS_LWA_PORT, region and credentials; AWS mode
    with a copy of examples/config.json given an auth section) and measures, from process start:
      healthMs - the first 200 of GET /api/health (the web adapter's readiness check);
      authMs   - then the first 200 of GET /api/me with a session token (HS256 JWT, role admin): the first
                 authenticated answer (session verified, caller resolved, JSON written) without an AWS call, so
                 that it measures start-up, not the network. (Until issue 25 it was GET /api/customers, which
                 since issue 19 reads every customer's SES readiness: against this script's unreachable endpoint
                 the SDK's retries add about 2.1 s to every variant alike.)
    Runs are interleaved (run 1 of every variant, then run 2, ...) so that drift on a shared machine spreads
    evenly; each CPU set is measured separately ('all' = no pinning; '0' = taskset -c 0, closer to the
    fraction of a vCPU a 1024 MB function gets). Zip and unzipped sizes are recorded per variant.
    Writes bench/coldstart/results.json and prints a table. Run it under the build lock on a shared machine:
      flock /tmp/changemgmt-build.lock dotnet pwsh -NoProfile -File bench/coldstart/coldstart.ps1
.PARAMETER Variant
    Variant names of build/DeployPackage.psm1 (Get-ServerVariant); default all.
.PARAMETER SkipPublish
    Reuse the packages of a previous run under -WorkPath.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/coldstart/coldstart.ps1 -Runs 7
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/coldstart/coldstart.ps1 -Variant sc-r2r-wks-nopgo,aot -Runs 15
    The current package (build.ps1's $ServerPackageVariant) and Native AOT, interleaved, on all CPUs and on CPU 0.
#>
[CmdletBinding()]
param(
    [string[]] $Variant,
    [ValidateRange(1, 100)] [int] $Runs = 7,
    [string[]] $CpuSet = @('all', '0'),
    [string] $WorkPath,
    [string] $OutFile,
    [switch] $SkipPublish
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $Root 'build/DeployPackage.psm1') -Force
if (-not $WorkPath) { $WorkPath = Join-Path $Root 'out/bench/coldstart' }
if (-not $OutFile) { $OutFile = Join-Path $PSScriptRoot 'results.json' }
# -Variant a,b arrives as one string under pwsh -File.
$variants = if ($Variant) { Get-ServerVariant -Name ($Variant -split ',' | ForEach-Object Trim) } else { Get-ServerVariant }
$examples = Join-Path $Root 'examples/config.json'

# The packaged config is examples/config.json (no auth); AWS mode needs auth, given after bootstrap's own --config.
$secret = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
$authConfig = New-AwsModeConfig -ConfigPath $examples -DestinationDirectory (Join-Path $WorkPath 'config')
$token = New-SessionToken -Secret $secret -ValidSeconds 7200

$packages = [ordered]@{}
foreach ($v in $variants) {
    $dir = Join-Path $WorkPath $v.Name
    $zip = Join-Path $dir 'changemgmt-server.zip'
    $seconds = $null
    if (-not $SkipPublish -or -not (Test-Path $zip)) {
        Write-Host "Packaging $($v.Name) ($($v.Description))"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        New-ServerPackage -Root $Root -Variant $v -ConfigPath $examples -PublishPath (Join-Path $dir 'publish') -DestinationPath $zip | Out-Null
        $seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
        $taskRoot = Join-Path $dir 'task'
        if (Test-Path $taskRoot) { Remove-Item $taskRoot -Recurse -Force }
        Expand-DeployZip -Path $zip -DestinationPath $taskRoot
    }
    $summary = Get-ZipSummary $zip
    $packages[$v.Name] = [pscustomobject]@{ Variant = $v; TaskRoot = (Join-Path $dir 'task'); Summary = $summary; PackageSeconds = $seconds }
}

# One untimed start of every variant first: the page cache (each package's own files) and this process's own first-call
# costs are then the same for every timed run. A variant that does not start is a result too (recorded, not measured).
$failures = @{}
function Add-Failure([string] $Name, [Management.Automation.ErrorRecord] $ErrorRecord) {
    $failures[$Name] = ($ErrorRecord.Exception.Message -split "`n" | Select-Object -First 3) -join ' '
    Write-Warning "$Name failed: $($failures[$Name])"
}
foreach ($p in $packages.Values) {
    try { Measure-ServerStart -TaskRoot $p.TaskRoot -ConfigPath $authConfig -Secret $secret -Path '/api/health', '/api/me' -Token '', $token | Out-Null }
    catch { Add-Failure $p.Variant.Name $_ }
}

$samples = @{}
foreach ($cpu in $CpuSet) {
    foreach ($run in 1..$Runs) {
        foreach ($p in $packages.Values | Where-Object { -not $failures.ContainsKey($_.Variant.Name) }) {
            $pin = if ($cpu -eq 'all') { $null } else { $cpu }
            try {
                $m = Measure-ServerStart -TaskRoot $p.TaskRoot -ConfigPath $authConfig -Secret $secret -Path '/api/health', '/api/me' -Token '', $token -CpuSet $pin
            }
            catch {
                Add-Failure $p.Variant.Name $_
                continue
            }
            $key = "$($p.Variant.Name)|$cpu"
            if (-not $samples.ContainsKey($key)) { $samples[$key] = [Collections.Generic.List[object]]::new() }
            $samples[$key].Add(@($m.Milliseconds[0], $m.Milliseconds[1], $m.CpuMilliseconds))
            Write-Host ("  cpu {0,-4} run {1}/{2} {3,-16} health {4,7:N1} ms  auth {5,7:N1} ms  server cpu {6,7:N1} ms" -f $cpu, $run, $Runs, $p.Variant.Name, $m.Milliseconds[0], $m.Milliseconds[1], $m.CpuMilliseconds)
        }
    }
}

function Get-Stats([double[]] $values) {
    $sorted = $values | Sort-Object
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    [ordered]@{
        median = [math]::Round($median, 1); min = [math]::Round($sorted[0], 1); max = [math]::Round($sorted[-1], 1)
        mean = [math]::Round(($sorted | Measure-Object -Average).Average, 1); samples = @($values | ForEach-Object { [math]::Round($_, 1) })
    }
}

$results = foreach ($p in $packages.Values) {
    $v = $p.Variant
    $byCpu = [ordered]@{}
    foreach ($cpu in $CpuSet) {
        $measured = $samples["$($v.Name)|$cpu"]
        if (-not $measured) { continue }
        $byCpu[$cpu] = [ordered]@{
            healthMs = Get-Stats @($measured | ForEach-Object { $_[0] })
            authMs = Get-Stats @($measured | ForEach-Object { $_[1] })
            serverCpuMs = Get-Stats @($measured | ForEach-Object { $_[2] })
        }
    }
    [ordered]@{
        name = $v.Name; description = $v.Description; selfContained = $v.SelfContained; readyToRun = $v.ReadyToRun; properties = $v.Properties
        caveat = $v.Caveat
        error = $failures[$v.Name]
        zipBytes = $p.Summary.ZipBytes; unzippedBytes = $p.Summary.UnzippedBytes; files = $p.Summary.Entries.Count
        fitsDirectUpload = $p.Summary.ZipBytes -lt $LambdaLimits.DirectUploadZipBytes
        fitsUnzipped = $p.Summary.UnzippedBytes -lt $LambdaLimits.UnzippedBytes
        packageSeconds = $p.PackageSeconds
        cpu = $byCpu
    }
}

# The recommendation: among the variants without a caveat that fit unzipped, the lowest median time to the first
# authenticated answer on the most constrained CPU set measured.
$constrained = $CpuSet[-1]
$eligible = @($results | Where-Object { -not $_.caveat -and -not $_.error -and $_.fitsUnzipped })
$best = $eligible | Sort-Object { $_.cpu[$constrained].authMs.median } | Select-Object -First 1

$report = [ordered]@{
    generatedAt = [DateTimeOffset]::UtcNow.ToString('o')
    machine = [ordered]@{ processors = [Environment]::ProcessorCount; os = [Runtime.InteropServices.RuntimeInformation]::OSDescription; sdk = (& dotnet --version) }
    runs = $Runs
    cpuSets = $CpuSet
    method = 'process start -> first 200 of GET /api/health (healthMs), then of GET /api/me with a bearer session token (authMs; no AWS call); serverCpuMs: the server process''s CPU time (user+system, 10 ms ticks) at that answer; AWS mode via bootstrap; warm page cache'
    limits = [ordered]@{ directUploadZipBytes = $LambdaLimits.DirectUploadZipBytes; unzippedBytes = $LambdaLimits.UnzippedBytes }
    variants = @($results)
    recommended = if ($best) { $best.name } else { $null }
}
New-Item -ItemType Directory -Path (Split-Path $OutFile) -Force | Out-Null
$report | ConvertTo-Json -Depth 8 | Set-Content $OutFile

$rows = foreach ($r in $results) {
    if ($r.cpu.Count -eq 0) { [pscustomobject]@{ Variant = $r.name; Note = "failed: $($r.error)" } }
    foreach ($cpu in $CpuSet | Where-Object { $r.cpu.Contains($_) }) {
        [pscustomobject]@{
            Variant = $r.name; Cpu = $cpu
            'Health ms' = $r.cpu[$cpu].healthMs.median; 'Auth ms' = $r.cpu[$cpu].authMs.median
            'Auth min' = $r.cpu[$cpu].authMs.min; 'Auth max' = $r.cpu[$cpu].authMs.max; 'CPU ms' = $r.cpu[$cpu].serverCpuMs.median
            'Zip MB' = [math]::Round($r.zipBytes / 1MB, 1); 'Unzipped MB' = [math]::Round($r.unzippedBytes / 1MB, 1)
            Note = if ($r.error) { "failed: $($r.error)" } else { $r.caveat }
        }
    }
}
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host "Medians of $Runs runs. Recommended (no caveat, fits 250 MB unzipped, fastest to the first authenticated answer on cpu '$constrained'): $($report.recommended)"
Write-Host "Results: $OutFile"
