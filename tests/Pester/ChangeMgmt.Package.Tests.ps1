#Requires -Modules Pester
# The .nupkg from build.ps1 Package installs with PSResourceGet and imports from where it landed.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Packages = Join-Path $Root 'out/packages'
    $script:Repository = 'ChangeMgmtTest' + [Guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:Destination = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $Destination | Out-Null
}

AfterAll {
    Unregister-PSResourceRepository -Name $Repository -ErrorAction SilentlyContinue
    Remove-Item $Destination -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Module package' {
    It 'is produced by build.ps1 Package' {
        Get-ChildItem $Packages -Filter 'ChangeMgmt.*.nupkg' | Should -Not -BeNullOrEmpty
    }

    It 'installs with Save-PSResource from a local repository and works from there' {
        Register-PSResourceRepository -Name $Repository -Uri $Packages -Trusted
        Save-PSResource -Name ChangeMgmt -Repository $Repository -Path $Destination -TrustRepository
        $manifest = Get-ChildItem $Destination -Recurse -Filter ChangeMgmt.psd1 | Select-Object -First 1
        $manifest | Should -Not -BeNullOrEmpty
        $script = "Import-Module '$($manifest.FullName)'; (Get-Command -Module ChangeMgmt -CommandType Cmdlet).Count; (Get-ChangeMgmtCustomer -ConfigPath '$(Join-Path $Root 'examples/config.json')' -Customer acme).CustomerCode; (Get-Help Sync-SesTopic).Synopsis.Length -gt 0"
        $exe = [Environment]::ProcessPath
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $script)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
        $output = & $exe @arguments
        $LASTEXITCODE | Should -Be 0
        [int]$output[0] | Should -Be (Import-PowerShellDataFile $manifest.FullName).CmdletsToExport.Count
        $output[1] | Should -Be 'acme'
        $output[2] | Should -Be 'True'
    }
}
