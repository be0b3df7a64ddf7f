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

    It 'renders announcement Markdown with Markdig and HtmlSanitizer (and its AngleSharp) from Dependencies/' {
        $null = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer acme
        $context = [ChangeMgmt.Cmdlets.ModuleInitializer]::LoadContext
        $core = $context.LoadFromAssemblyName([Reflection.AssemblyName]'ChangeMgmt.Core')
        $toHtml = $core.GetType('ChangeMgmt.Core.Rendering.MarkdownContent', $true).GetMethod('ToHtml')
        $html = $toHtml.Invoke($null, @(, '**hi** <script>x</script> [a](javascript:alert(1))'))
        $html.Trim() | Should -Be '<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt; <a>a</a></p>'
        foreach ($name in 'Markdig', 'HtmlSanitizer', 'AngleSharp', 'AngleSharp.Css') {
            $assembly = $context.Assemblies | Where-Object { $_.GetName().Name -eq $name }
            $assembly.Location | Should -BeLike (Join-Path $ModulePath 'Dependencies/*') -Because "$name loads in the module's context"
        }
    }

    It 'expands a recurring freeze with Ical.Net (and its NodaTime) from Dependencies/' {
        $null = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer acme
        $context = [ChangeMgmt.Cmdlets.ModuleInitializer]::LoadContext
        $core = $context.LoadFromAssemblyName([Reflection.AssemblyName]'ChangeMgmt.Core')
        $json = '{"freezeId":"FRZ-20260301-PESTER","start":"2026-03-20T22:00:00Z","end":"2026-03-21T06:00:00Z","timezone":"Europe/London","recurrence":"FREQ=DAILY"}'
        $options = $core.GetType('ChangeMgmt.Core.Changes.ChangeJson', $true).GetField('Options').GetValue($null)
        $freeze = [Text.Json.JsonSerializer]::Deserialize($json, $core.GetType('ChangeMgmt.Core.Freezes.ChangeFreeze', $true), $options)
        $between = $core.GetType('ChangeMgmt.Core.Freezes.FreezeOccurrences', $true).GetMethod('Between')
        $nights = @($between.Invoke($null, @($freeze, [DateTimeOffset]'2026-03-28T12:00:00Z', [DateTimeOffset]'2026-03-30T12:00:00Z')))
        $nights.ForEach({ $_.Start.UtcDateTime.ToString('o') }) | Should -Be @('2026-03-28T22:00:00.0000000Z', '2026-03-29T21:00:00.0000000Z')
        foreach ($name in 'Ical.Net', 'NodaTime') {
            $assembly = $context.Assemblies | Where-Object { $_.GetName().Name -eq $name }
            $assembly.Location | Should -BeLike (Join-Path $ModulePath 'Dependencies/*') -Because "$name loads in the module's context"
        }
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

Describe 'Dependency isolation against a genuinely different AWSSDK.Core, in AWS mode (moto)' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'ForeignAwsSdk.psm1') -Force
        $script:ForeignSdk = Get-ForeignAwsSdkCore -ModulePath $ModulePath

        Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force
        $server = Start-MotoServer -LogDirectory ([IO.Path]::GetTempPath())
        $script:Moto = $server.Url
        $script:MotoProcess = $server.Process

        # moto routes an unsigned request by the service named in the Authorization header's credential scope (it does not check the signature).
        $script:Sqs = @{ Authorization = 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0' }
        $script:Work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory $Work | Out-Null
        Copy-Item (Join-Path $Root 'examples/SESConfig.json') $Work
        $config = Get-Content $ExampleConfig -Raw | ConvertFrom-Json -AsHashtable
        $config.s3_config.bucket_name = 'isolation-' + [Guid]::NewGuid().ToString('n').Substring(0, 12)
        foreach ($customer in $config.customer_mappings.Values) {
            $customer.region = 'us-east-1'
            $customer.sqs_queue_arn = "arn:aws:sqs:us-east-1:123456789012:isolation-$($customer.customer_code)"
            Invoke-WebRequest -Method Post "$Moto/" -Headers $Sqs -ContentType 'application/x-www-form-urlencoded' -Body @{ Action = 'CreateQueue'; QueueName = "isolation-$($customer.customer_code)" } | Out-Null
        }
        Invoke-WebRequest -Method Put "$Moto/$($config.s3_config.bucket_name)" | Out-Null
        $script:IsolationConfig = Join-Path $Work 'config.json'
        $config | ConvertTo-Json -Depth 20 | Set-Content $IsolationConfig
        $testEvent = Get-Content (Join-Path $Root '../shared/fixtures/sqs-s3-test-event.json') -Raw
        $queueUrl = "$Moto/123456789012/isolation-acme"
        Invoke-WebRequest -Method Post $queueUrl -Headers $Sqs -Body @{ Action = 'SendMessage'; MessageBody = $testEvent } | Out-Null

        # What the child session runs through the module, in AWS mode against moto.
        $script:UseModule = @"
`$s3 = Test-ChangeMgmtConfig -ConfigPath '$IsolationConfig' -S3Event | Where-Object { `$_.GetType().Name -eq 'S3EventCheckResult' }
`$processed = @(Invoke-SqsChangeMessage -ConfigPath '$IsolationConfig' -Customer acme)
`$lists = @(Get-SesContactList -ConfigPath '$IsolationConfig' -Customer acme)
"@
        $script:Report = @'
$moduleSdk = [ChangeMgmt.Cmdlets.ModuleInitializer]::LoadContext.Assemblies | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' }
$sessionSdk = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_) -eq [Runtime.Loader.AssemblyLoadContext]::Default }
[pscustomobject]@{
    S3Statuses     = @($s3.Status | ForEach-Object ToString | Sort-Object -Unique)
    S3Customers    = @($s3.CustomerCode)
    Outcomes       = @($processed.Outcome)
    Lists          = @($lists.ContactListName)
    Topics         = @($lists.Topics.TopicName)
    Descriptions   = @($processed.Description)
    ModuleSdk      = [Diagnostics.FileVersionInfo]::GetVersionInfo($moduleSdk.Location).FileVersion
    SessionSdk     = [Diagnostics.FileVersionInfo]::GetVersionInfo($sessionSdk.Location).FileVersion
    SessionSdkPath = $sessionSdk.Location
    Credentials    = $credentials.GetType().Assembly.Location
} | ConvertTo-Json -Compress
'@
        $script:AwsEnv = "`$env:AWS_ENDPOINT_URL = '$Moto'; `$env:AWS_ACCESS_KEY_ID = 'testing'; `$env:AWS_SECRET_ACCESS_KEY = 'testing'; `$env:AWS_REGION = 'us-east-1'; `$env:CHANGEMGMT_DATA_DIR = `$null; `$ErrorActionPreference = 'Stop'"
    }

    AfterAll {
        if ($MotoProcess -and -not $MotoProcess.HasExited) { Stop-Process -Id $MotoProcess.Id -Force }
        Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'imports and works in AWS mode when the session loaded another AWSSDK.Core first' {
        $result = Invoke-FreshPwsh @"
$AwsEnv
Add-Type -Path '$($ForeignSdk.FullName)'
`$credentials = [Amazon.Runtime.BasicAWSCredentials]::new('a', 'b')
Import-Module '$ModulePath'
New-SesContactList -ConfigPath '$IsolationConfig' -Customer acme | Out-Null
$UseModule
$Report
"@
        $result.Lists | Should -Be @('changemgmt')
        $result.Topics.Count | Should -Be 5
        $result.S3Statuses | Should -Be @('Missing')
        $result.S3Customers | Should -Be @('acme', 'globex', 'initech', 'umbrella')
        $result.Outcomes | Should -Be @('Completed')
        $result.Descriptions | Should -Be @('s3:TestEvent acknowledged')
        $result.SessionSdkPath | Should -Be $ForeignSdk.FullName
        $result.SessionSdk | Should -Not -Be $result.ModuleSdk
        $result.Credentials | Should -Be $ForeignSdk.FullName
    }

    It 'leaves the session free to load another AWSSDK.Core after the module used its own' {
        Invoke-WebRequest -Method Post "$Moto/123456789012/isolation-acme" -Headers $Sqs -Body @{ Action = 'SendMessage'; MessageBody = (Get-Content (Join-Path $Root '../shared/fixtures/sqs-s3-test-event.json') -Raw) } | Out-Null
        $result = Invoke-FreshPwsh @"
$AwsEnv
Import-Module '$ModulePath'
Test-ChangeMgmtConfig -ConfigPath '$IsolationConfig' -S3Event | Out-Null
Add-Type -Path '$($ForeignSdk.FullName)'
`$credentials = [Amazon.Runtime.BasicAWSCredentials]::new('a', 'b')
$UseModule
$Report
"@
        $result.Credentials | Should -Be $ForeignSdk.FullName
        $result.SessionSdk | Should -Not -Be $result.ModuleSdk
        $result.ModuleSdk | Should -Not -BeNullOrEmpty
        $result.S3Statuses | Should -Be @('Missing')
        $result.Lists | Should -Be @('changemgmt')
        $result.Outcomes | Should -Be @('Completed')
    }
}
