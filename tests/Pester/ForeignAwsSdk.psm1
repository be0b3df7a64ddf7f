# An AWSSDK.Core other than the module's, as AWS.Tools would bring its own: taken from the NuGet cache,
# downloaded there first (build/Pester/ForeignAwsSdk.Download.csproj) when the cache has none.

function Get-ForeignAwsSdkCore {
    param([Parameter(Mandatory)] [string] $ModulePath)
    $cache = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $ours = [Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $ModulePath 'Dependencies/AWSSDK.Core.dll')).FileVersion
    $find = {
        Get-ChildItem (Join-Path $cache 'awssdk.core/*/lib/net8.0/AWSSDK.Core.dll') -ErrorAction SilentlyContinue |
            Where-Object { [Diagnostics.FileVersionInfo]::GetVersionInfo($_.FullName).FileVersion -ne $ours } |
            Select-Object -First 1
    }
    $foreign = & $find
    if (-not $foreign) {
        & dotnet restore (Join-Path $PSScriptRoot '../../build/Pester/ForeignAwsSdk.Download.csproj') --nologo | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "dotnet restore of another AWSSDK.Core failed with exit code $LASTEXITCODE." }
        $foreign = & $find
    }
    if (-not $foreign) { throw "No AWSSDK.Core other than the module's in $cache, even after restoring build/Pester/ForeignAwsSdk.Download.csproj." }
    $foreign
}

Export-ModuleMember -Function Get-ForeignAwsSdkCore
