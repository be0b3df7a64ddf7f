#Requires -Modules Pester
# The deployment that build.ps1 Package lays out at out/deploy/ (test.sh runs Package before Test; without it
# these tests package the server and the portal first): the server's Lambda zip, run as Lambda runs it; the
# Lambda@Edge sign-in zip, built here from a generated configuration; the portal's files.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'build/DeployPackage.psm1') -Force
    $script:Deploy = Join-Path $Root 'out/deploy'
    $script:ServerZip = Join-Path $Deploy 'changemgmt-server.zip'
    $script:Temp = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "changemgmt-deploy-$([Guid]::NewGuid().ToString('n'))")).FullName

    # A fresh pwsh (the same PowerShell; under `dotnet pwsh` the process is dotnet, so start pwsh.dll through it):
    # the output lines and the exit code.
    function script:Invoke-FreshPwsh([string[]] $Arguments) {
        $exe = [Environment]::ProcessPath
        $pwshArgs = @('-NoProfile', '-NonInteractive') + $Arguments
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $pwshArgs = @((Join-Path $PSHOME 'pwsh.dll')) + $pwshArgs }
        $output = & $exe @pwshArgs 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join "`n" }
    }

    # build.ps1 in its own pwsh (as test.sh runs it).
    function script:Invoke-Build([string[]] $Arguments) { Invoke-FreshPwsh (@('-File', (Join-Path $Root 'build.ps1')) + $Arguments) }

    function script:Read-ZipText([string] $Zip, [string] $Name) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Zip)
        try {
            $entry = $archive.GetEntry($Name)
            if (-not $entry) { return $null }
            $reader = [IO.StreamReader]::new($entry.Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $archive.Dispose() }
    }

    if (-not (Test-Path $ServerZip) -or -not (Test-Path (Join-Path $Deploy 'portal/index.html'))) {
        Write-Host 'out/deploy is incomplete: running build.ps1 Package -Component Server, Portal first.'
        $package = Invoke-Build @('Package', '-Component', 'Server,Portal')
        if ($package.ExitCode -ne 0) { throw "build.ps1 Package failed ($($package.ExitCode)):`n$($package.Output)" }
    }
    $script:Server = Get-ZipSummary $ServerZip
    $script:Modes = @{}
    foreach ($e in $Server.Entries) { $Modes[$e.Name] = $e.Mode }
}

AfterAll {
    Remove-Item $Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Server package for Lambda (changemgmt-server.zip)' {
    BeforeAll {
        # Unzipped once, as Lambda does (Unix modes applied), for the tests that run what is inside.
        $script:Task = Join-Path $Temp 'task'
        Expand-DeployZip -Path $ServerZip -DestinationPath $Task
    }

    It 'has an executable bootstrap at its root that execs the server with the bundled config' {
        $Modes['bootstrap'] | Should -Be ([Convert]::ToInt32('755', 8))
        $bootstrap = Read-ZipText $ServerZip 'bootstrap'
        $bootstrap | Should -Match '\A#!/bin/sh\n'
        $bootstrap | Should -Match ([regex]::Escape('exec "$LAMBDA_TASK_ROOT/ChangeMgmt.Lambda" --urls "http://127.0.0.1:${AWS_LWA_PORT:-8080}" --config "$LAMBDA_TASK_ROOT/config/config.json" "$@"'))
        $bootstrap | Should -Not -Match "`r" -Because 'a CR would end up in the interpreter and the arguments'
    }

    It 'has the server executable, with its runtime beside it when self-contained, or alone when Native AOT' {
        $Modes['ChangeMgmt.Lambda'] | Should -Be ([Convert]::ToInt32('755', 8))
        $variant = (Get-Content -Raw (Join-Path $Deploy 'artifacts.json') | ConvertFrom-Json).server.variant
        if ((Get-ServerVariant -Name $variant).NativeAot) {
            # Invariant globalization is compiled in (the csproj's LambdaPackage settings); no managed code, no symbols.
            $Server.Entries.Name | Where-Object { $_ -match '\.(dll|dbg|pdb|so)$' -or $_ -like '*.runtimeconfig.json' } | Should -BeNullOrEmpty
            return
        }
        $Modes.Keys | Should -Contain 'ChangeMgmt.Lambda.dll'
        $runtimeConfig = Read-ZipText $ServerZip 'ChangeMgmt.Lambda.runtimeconfig.json' | ConvertFrom-Json -AsHashtable
        if ($runtimeConfig.runtimeOptions.ContainsKey('includedFrameworks')) {
            $Modes.Keys | Should -Contain 'libcoreclr.so'
            $Modes.Keys | Should -Contain 'System.Private.CoreLib.dll'
        }
        # provided.al2023 has no libicu: without invariant globalization the runtime would not start there.
        $runtimeConfig.runtimeOptions.configProperties['System.Globalization.Invariant'] | Should -BeTrue
    }

    It 'leaves every other file readable and not executable' {
        $others = $Server.Entries | Where-Object { $_.Name -notin 'bootstrap', 'ChangeMgmt.Lambda' }
        $others | Where-Object Mode -ne ([Convert]::ToInt32('644', 8)) | Select-Object -ExpandProperty Name | Should -BeNullOrEmpty
    }

    It 'bundles the configured config.json and the SESConfig.json beside it' {
        # Package's -ConfigPath (default CHANGEMGMT_CONFIG, else examples/config.json), as artifacts.json records it.
        $configured = (Get-Content -Raw (Join-Path $Deploy 'artifacts.json') | ConvertFrom-Json).server.config
        $configured | Should -Exist
        Read-ZipText $ServerZip 'config/config.json' | Should -BeExactly (Get-Content -Raw $configured)
        Read-ZipText $ServerZip 'config/SESConfig.json' | Should -BeExactly (Get-Content -Raw (Join-Path (Split-Path $configured) 'SESConfig.json'))
    }

    It 'carries no demo data and no native library of another platform' {
        $names = $Server.Entries.Name
        $names | Where-Object { $_ -like 'examples/*' } | Should -BeNullOrEmpty
        $names | Where-Object { $_ -match '^runtimes/(win|osx)-' -or $_ -match '\.(dylib|exe)$' -or $_ -match '^(e_sqlite3|.*native.*)\.dll$' } | Should -BeNullOrEmpty
        $names | Where-Object { $_ -match '(^|/)(createdump|libmscordaccore\.so|libmscordbi\.so)$' } | Should -BeNullOrEmpty
    }

    It 'fits Lambda: under 250 MB unzipped' {
        $Server.UnzippedBytes | Should -BeLessThan $LambdaLimits.UnzippedBytes
        $Server.ZipBytes | Should -BeLessThan $LambdaLimits.UnzippedBytes
    }

    It 'carries the IANA time zone database, which .NET reads through TZDIR when the image has none' {
        foreach ($zone in 'zoneinfo/UTC', 'zoneinfo/Europe/London', 'zoneinfo/America/New_York', 'zoneinfo/Australia/Sydney') {
            $Server.Entries.Name | Should -Contain $zone
        }
        (Read-ZipText $ServerZip 'bootstrap') | Should -Match 'TZDIR="\$LAMBDA_TASK_ROOT/zoneinfo"'

        # What bootstrap arranges on an image without /usr/share/zoneinfo: .NET takes the zones from TZDIR only.
        $empty = (New-Item -ItemType Directory -Path (Join-Path $Temp 'no-zones')).FullName
        $probe = "try { [TimeZoneInfo]::FindSystemTimeZoneById('Europe/London').GetUtcOffset([DateTimeOffset]::Parse('2026-07-01T12:00:00Z')).TotalHours } catch { 'missing' }"
        $londonWith = { param($tzdir) $env:TZDIR = $tzdir; try { (Invoke-FreshPwsh '-Command', $probe).Output } finally { Remove-Item Env:TZDIR } }
        & $londonWith (Join-Path $Task 'zoneinfo') | Should -Be '1'
        & $londonWith $empty | Should -Be 'missing'
    }

    It 'starts from the unzipped package as Lambda runs it and answers in AWS mode' {
        # The packaged config may lack auth (examples/config.json does); AWS mode refuses to start without it, so a
        # copy with auth goes after bootstrap's own --config (the last one wins).
        $config = New-AwsModeConfig -ConfigPath (Join-Path $Task 'config/config.json') -DestinationDirectory (Join-Path $Temp 'config')
        $secret = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $token = New-SessionToken -Secret $secret -Roles viewer
        $run = Measure-ServerStart -TaskRoot $Task -ConfigPath $config -Secret $secret -Path '/api/health', '/api/customers' -Token '', $token -TimeoutSeconds 60

        $health = $run.Bodies[0] | ConvertFrom-Json
        $health.status | Should -Be 'ok'
        $health.mode | Should -Be 'aws'
        $health.function | Should -Be 'api'
        $customers = ($run.Bodies[1] | ConvertFrom-Json).items.code
        $expected = (Get-Content -Raw (Join-Path $Task 'config/config.json') | ConvertFrom-Json -AsHashtable).customer_mappings.Keys
        @($customers | Sort-Object) | Should -Be @($expected | Sort-Object)
    }
}

Describe 'Lambda@Edge sign-in package (changemgmt-edge-auth.zip)' {
    BeforeAll {
        # A configuration the build accepts: a self-signed IdP certificate, a random 32-byte secret, https URLs.
        $rsa = [Security.Cryptography.RSA]::Create(2048)
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=changemgmt-test-idp', $rsa,
            [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
        $script:EdgeSecret = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $script:EdgeConfig = Join-Path $Temp 'edge-config.json'
        [ordered]@{
            idpEntryPoint = 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/TEST'
            idpIssuer = 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/TEST'
            idpCertificatePem = $certificate.ExportCertificatePem()
            spEntityId = 'https://changes.test.example/saml/metadata'
            acsUrl = 'https://changes.test.example/saml/acs'
            sessionSecret = $EdgeSecret
            groupRoles = @{ 'ChangeMgmt-Admins' = 'admin'; 'ChangeMgmt-Viewers' = 'viewer' }
        } | ConvertTo-Json | Set-Content $EdgeConfig
        $certificate.Dispose(); $rsa.Dispose()

        $script:EdgeDeploy = Join-Path $Temp 'deploy'
        $script:EdgeBuild = Invoke-Build @('Package', '-Component', 'Edge', '-EdgeConfigPath', $EdgeConfig, '-DeployPath', $EdgeDeploy)
        $script:EdgeZip = Join-Path $EdgeDeploy 'changemgmt-edge-auth.zip'
    }

    It 'is built from the given configuration' {
        $EdgeBuild.ExitCode | Should -Be 0 -Because $EdgeBuild.Output
        $EdgeZip | Should -Exist
    }

    It 'holds index.js and a CommonJS package.json at its root, under the 1 MB of a viewer-request function' {
        $edge = Get-ZipSummary $EdgeZip
        @($edge.Entries.Name | Sort-Object) | Should -Be @('index.js', 'package.json')
        (Read-ZipText $EdgeZip 'package.json' | ConvertFrom-Json).type | Should -Be 'commonjs'
        $edge.ZipBytes | Should -BeLessThan 1MB
        (Get-Content -Raw (Join-Path $EdgeDeploy 'artifacts.json') | ConvertFrom-Json).edge.sha256 | Should -Be $edge.Sha256
    }

    It 'loads in node with an index.handler function and the configured secret inlined' {
        $unzipped = Join-Path $Temp 'edge'
        Expand-DeployZip -Path $EdgeZip -DestinationPath $unzipped
        $index = (Join-Path $unzipped 'index.js') -replace '\\', '/'
        node -e "const m = require('$index'); process.stdout.write(typeof m.handler)" | Should -Be 'function'
        $LASTEXITCODE | Should -Be 0
        Get-Content -Raw (Join-Path $unzipped 'index.js') | Should -Match ([regex]::Escape($EdgeSecret))
    }

    It 'is refused from the example configuration' {
        $refused = Invoke-Build @('Package', '-Component', 'Edge', '-EdgeConfigPath', (Join-Path $Root 'lambda/edge-auth/config.example.json'), '-DeployPath', (Join-Path $Temp 'refused'))
        $refused.ExitCode | Should -Not -Be 0
        $refused.Output | Should -Match 'replace the example values'
        Join-Path $Temp 'refused/changemgmt-edge-auth.zip' | Should -Not -Exist
    }

    It 'is skipped with a warning that says how to provide the configuration' {
        $skipped = Invoke-Build @('Package', '-Component', 'Edge', '-EdgeConfigPath', (Join-Path $Temp 'no-such-edge-config.json'), '-DeployPath', $EdgeDeploy)
        $skipped.ExitCode | Should -Be 0
        $skipped.Output | Should -Match 'no changemgmt-edge-auth\.zip'
        $skipped.Output | Should -Match '-EdgeConfigPath'
        $EdgeZip | Should -Not -Exist -Because 'a package from an earlier configuration must not be taken for this one'
    }
}

Describe 'Portal files (out/deploy/portal)' {
    It 'are web/ as it is' {
        $portal = Join-Path $Deploy 'portal'
        Get-FileHash (Join-Path $portal 'index.html') | Select-Object -ExpandProperty Hash |
            Should -Be (Get-FileHash (Join-Path $Root 'web/index.html')).Hash
        $relative = { param($base) Get-ChildItem $base -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($base, $_.FullName) } | Sort-Object }
        @(& $relative $portal) | Should -Be @(& $relative (Join-Path $Root 'web'))
    }

    It 'has the page the sign-in function sends people to after signing out, which loads nothing that needs a session' {
        $edgeConfig = Get-Content -Raw (Join-Path $Root 'lambda/edge-auth/src/config.js')
        $edgeConfig | Should -Match 'signedOutPath \?\? "/signed-out\.html"'
        $page = Get-Content -Raw (Join-Path $Deploy 'portal/signed-out.html')
        $page | Should -Match '<a href="/">Sign in again</a>'
        $page | Should -Not -Match '<(script|link)[^>]+(src|href)="(?!data:)'
    }
}
