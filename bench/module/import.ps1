#Requires -Version 7.4
<#
.SYNOPSIS
    Measures Import-Module ChangeMgmt in fresh pwsh processes and a first cmdlet call; prints one JSON object.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/module/import.ps1 -Runs 5
#>
param(
    [int] $Runs = 5,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/ChangeMgmt')
)
$ErrorActionPreference = 'Stop'
$module = (Resolve-Path $ModulePath).Path
$config = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/config.json')).Path
$exe = [Environment]::ProcessPath
$prefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
$script = @"
`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$module'; `$import = `$w.Elapsed.TotalMilliseconds
`$w.Restart(); Get-ChangeMgmtCustomer -ConfigPath '$config' | Out-Null; `$first = `$w.Elapsed.TotalMilliseconds
"`$import `$first"
"@
$samples = foreach ($run in 1..$Runs) {
    $import, $first = (& $exe @prefix -NoProfile -NonInteractive -Command $script) -split ' '
    [pscustomobject]@{ Import = [double]$import; FirstCall = [double]$first }
}
[ordered]@{
    benchmark        = 'module-import'
    runs             = $Runs
    importMsMedian   = [math]::Round(($samples.Import | Sort-Object)[[int][math]::Floor($Runs / 2)], 1)
    importMsMax      = [math]::Round(($samples.Import | Measure-Object -Maximum).Maximum, 1)
    firstCallMsMedian = [math]::Round(($samples.FirstCall | Sort-Object)[[int][math]::Floor($Runs / 2)], 1)
    targetMs         = 1000
} | ConvertTo-Json -Compress
