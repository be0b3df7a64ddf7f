#Requires -Modules Pester
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    $script:ExampleConfig = Join-Path $Root 'examples/config.json'
    Import-Module $ModulePath -Force

    # Runs a script in a fresh PowerShell process (the same pwsh as this one) and returns its JSON output.
    function Invoke-FreshPwsh([string] $Script) {
        $exe = [Environment]::ProcessPath
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Script)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
        $output = & $exe @arguments
        if ($LASTEXITCODE -ne 0) { throw "child pwsh failed ($LASTEXITCODE): $output" }
        $output | ConvertFrom-Json
    }
}

Describe 'Dependency isolation' {
    It 'keeps only the cmdlets assembly beside the manifest; Core and its dependencies in Dependencies/' {
        (Get-ChildItem $ModulePath -Filter *.dll).Name | Should -Be @('ChangeMgmt.Cmdlets.dll')
        (Get-ChildItem (Join-Path $ModulePath 'Dependencies') -Filter *.dll).Name | Should -Contain 'ChangeMgmt.Core.dll'
    }

    It 'loads ChangeMgmt.Core into the module''s own AssemblyLoadContext' {
        $customer = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer acme
        $assembly = $customer.GetType().Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name | Should -Be 'ChangeMgmt'
        $assembly.Location | Should -BeLike (Join-Path $ModulePath 'Dependencies/*')
    }

    It 'works in a session that already loaded its own copy of a dependency, and keeps both copies apart' {
        $cache = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $foreign = Get-ChildItem (Join-Path $cache 'microsoft.extensions.logging.abstractions/*/lib/netstandard2.0/Microsoft.Extensions.Logging.Abstractions.dll') |
            Select-Object -First 1
        if (-not $foreign) { Set-ItResult -Skipped -Because 'no other copy of Microsoft.Extensions.Logging.Abstractions in the NuGet cache'; return }
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$($foreign.FullName)'
Import-Module '$ModulePath'
`$customer = Get-ChangeMgmtCustomer -ConfigPath '$ExampleConfig' -Customer acme
`$ours = [ChangeMgmt.Cmdlets.ModuleInitializer]::LoadContext.LoadFromAssemblyName([Reflection.AssemblyName]'Microsoft.Extensions.Logging.Abstractions')
`$theirs = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' -and `$_ -ne `$ours }
[pscustomobject]@{
    Code     = `$customer.CustomerCode
    Ours     = `$ours.Location
    Theirs   = @(`$theirs.Location)
} | ConvertTo-Json -Compress
"@
        $result = Invoke-FreshPwsh $script
        $result.Code | Should -Be 'acme'
        $result.Ours | Should -BeLike (Join-Path $ModulePath 'Dependencies/*')
        $result.Theirs | Should -Contain $foreign.FullName
    }
}
