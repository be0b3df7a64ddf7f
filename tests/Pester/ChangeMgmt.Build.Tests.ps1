#Requires -Version 7.4
# The build's own helpers, as a fresh machine meets them.

BeforeAll {
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    Import-Module (Join-Path $Root 'build/Pester/PesterBootstrap.psm1') -Force
}

Describe 'Get-PesterManifest' {
    BeforeEach {
        $script:SavedCache = $env:NUGET_PACKAGES
        $script:EmptyCache = Join-Path ([IO.Path]::GetTempPath()) "changemgmt-nuget-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $EmptyCache | Out-Null
        $env:NUGET_PACKAGES = $EmptyCache
    }

    AfterEach {
        $env:NUGET_PACKAGES = $SavedCache
        Remove-Item $EmptyCache -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'restores Pester into an empty package cache and returns only the manifest path' {
        $result = @(Get-PesterManifest -Version '5.7.1' 6>$null)

        $result.Count | Should -Be 1
        $result[0] | Should -BeOfType [string]
        $result[0] | Should -Be (Join-Path $EmptyCache 'pester/5.7.1/tools/Pester.psd1')
        Test-Path -LiteralPath $result[0] -PathType Leaf | Should -BeTrue
    }

    It 'answers from the cache without restoring when Pester is there' {
        $manifest = Join-Path $EmptyCache 'pester/5.7.1/tools/Pester.psd1'
        New-Item -ItemType File -Path $manifest -Force | Out-Null

        @(Get-PesterManifest -Version '5.7.1') | Should -Be @($manifest)
        Test-Path (Join-Path $EmptyCache 'pester/5.7.1/pester.5.7.1.nupkg') | Should -BeFalse
    }
}
