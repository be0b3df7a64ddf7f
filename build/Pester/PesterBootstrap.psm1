<#
    Pester for the test run, from the NuGet package (the module is in its tools/ folder): restored into the
    NuGet cache ($env:NUGET_PACKAGES, else ~/.nuget/packages) when it is not there yet.
#>
Set-StrictMode -Version Latest

function Get-PesterManifest {
    <# The path of Pester.psd1 of the version given, and nothing else (restore's output goes to the host). #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Version)
    $cache = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Join-Path $cache "pester/$Version/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        # Out-Host: restore's output must not become part of this function's return value.
        & dotnet restore (Join-Path $PSScriptRoot 'Pester.Download.csproj') --nologo "-p:PesterVersion=$Version" | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "dotnet restore of Pester $Version failed with exit code $LASTEXITCODE." }
    }
    if (-not (Test-Path $manifest)) { throw "Pester $Version not found at $manifest after restore." }
    $manifest
}

Export-ModuleMember -Function Get-PesterManifest
