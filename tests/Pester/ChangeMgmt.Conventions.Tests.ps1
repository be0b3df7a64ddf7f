#Requires -Modules Pester
# Issue 17, conventions an AWS.Tools user expects: credentials and region parameters and session
# defaults (moto), -Force beside -Confirm, -Verbose/-Debug that say what happens.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    $script:ExampleConfig = Join-Path $Root 'examples/config.json'
    Import-Module $ModulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

    $script:AwsVariables = 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION',
    'AWS_DEFAULT_REGION', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED', 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_BACKUP_DIR'
    $script:SavedEnvironment = @{}
    foreach ($name in $AwsVariables) { $SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-conventions-' + [Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $Work | Out-Null


    # Runs a script in a fresh PowerShell process (the same pwsh as this one); returns its output lines.
    function Invoke-FreshPwsh([string] $Script) {
        $exe = [Environment]::ProcessPath
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Script)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
        & $exe @arguments 2>&1 | ForEach-Object { "$_" }
    }
}

AfterAll {
    foreach ($name in $SavedEnvironment.Keys) { Set-EnvironmentValue $name $SavedEnvironment[$name] }
    Clear-ChangeMgmtDefault -ErrorAction SilentlyContinue
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'AWS credentials, region and endpoint as AWS.Tools takes them (moto)' {
    BeforeAll {
        $server = Start-MotoServer -LogDirectory $Work
        $script:Moto = $server.Url
        $script:MotoProcess = $server.Process

        # No ambient AWS identity: only what each test names is used (no keys, no profile, no instance metadata).
        foreach ($name in $AwsVariables) { Set-EnvironmentValue $name $null }
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        $env:AWS_CONFIG_FILE = Join-Path $Work 'aws-config'
        Set-Content $env:AWS_CONFIG_FILE ''
        # A profile whose credentials come from a process that leaves a mark: proof that the profile was used.
        $script:ProfileMark = Join-Path $Work 'profile-used'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Work 'aws-credentials'
        Set-Content $env:AWS_SHARED_CREDENTIALS_FILE @"
[cm-test]
credential_process = /bin/sh -c "echo used >> '$ProfileMark'; echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROFILE0001\", \"SecretAccessKey\": \"testing\"}'"
"@
        # No aws_region and no region for acme: the caller's region decides where acme's SES account is.
        $settings = Get-Content $ExampleConfig -Raw | ConvertFrom-Json -AsHashtable
        $settings.Remove('aws_region')
        $settings.customer_mappings.acme.Remove('region')
        $script:Config = Join-Path $Work 'config.json'
        $settings | ConvertTo-Json -Depth 20 | Set-Content $Config
        Copy-Item (Join-Path $Root 'examples/SESConfig.json') $Work
        $script:Aws = @{ ConfigPath = $Config; ProfileName = 'cm-test'; EndpointUrl = $Moto }
    }

    AfterAll {
        if ($MotoProcess -and -not $MotoProcess.HasExited) { Stop-Process -Id $MotoProcess.Id -Force }
    }

    AfterEach { Clear-ChangeMgmtDefault }

    It '-ProfileName, -Region and -EndpointUrl take effect' {
        New-SesContactList -Customer acme -Region eu-west-1 @Aws | Out-Null
        Test-Path $ProfileMark | Should -BeTrue -Because 'the profile''s credential_process supplied the keys'
        (Get-SesContactList -Customer acme -Region eu-west-1 @Aws).ContactListName | Should -Be 'changemgmt'
        $other = @(Get-SesContactList -Customer acme -Region eu-central-1 @Aws -ErrorVariable notFound -ErrorAction SilentlyContinue)
        $other.Count | Should -Be 0 -Because 'acme''s SES account in another region has no list'
        $notFound.Count | Should -BeGreaterThan 0
    }

    It 'terminates with a clear error for a profile that does not exist' {
        $err = try { Get-SesContactList -Customer acme -Region eu-west-1 -ConfigPath $Config -ProfileName no-such-profile -EndpointUrl $Moto; $null } catch { $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'AwsCallerInvalid,*'
        $err.Exception.Message | Should -Match "no-such-profile"
        $err.Exception.Message | Should -Match 'aws configure --profile no-such-profile'
    }

    It 'takes the session defaults of Set-ChangeMgmtDefault, and Clear-ChangeMgmtDefault removes them' {
        New-SesContactList -Customer acme -Region eu-west-2 @Aws | Out-Null
        Set-ChangeMgmtDefault -ProfileName cm-test -Region eu-west-2 -EndpointUrl $Moto
        (Get-ChangeMgmtDefault).Region | Should -Be 'eu-west-2'
        (Get-SesContactList -Customer acme -ConfigPath $Config).ContactListName | Should -Be 'changemgmt'
        Clear-ChangeMgmtDefault
        Get-ChangeMgmtDefault | Should -BeNullOrEmpty
    }

    It 'takes a PSCredential as access key and secret' {
        $credential = [pscredential]::new('AKIDPSCRED5678', (ConvertTo-SecureString 'testing' -AsPlainText -Force))
        $verbose = Get-SesContactList -Customer acme -Region eu-west-1 -ConfigPath $Config -EndpointUrl $Moto -Credential $credential -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain "AWS mode: credentials from -Credential (access key ****5678); region eu-west-1 (-Region); every service at $Moto/ (-EndpointUrl)"
        ($verbose -join "`n") | Should -Not -Match 'testing'
    }

    It 'honours AWS.Tools session defaults ($StoredAWSCredentials, $StoredAWSRegion) with another AWSSDK.Core loaded' {
        Import-Module (Join-Path $PSScriptRoot 'ForeignAwsSdk.psm1') -Force
        $foreign = Get-ForeignAwsSdkCore -ModulePath $ModulePath
        New-SesContactList -Customer acme -Region ap-southeast-2 @Aws | Out-Null
        $output = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:AWS_SHARED_CREDENTIALS_FILE = '$(Join-Path $Work 'none')'
Add-Type -Path '$($foreign.FullName)'
Import-Module '$ModulePath'
# What Set-AWSCredential and Set-DefaultAWSRegion leave in the session (AWS.Tools' own credentials type).
`$global:StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDSTORED0009', 'testing')
`$global:StoredAWSRegion = 'ap-southeast-2'
`$lists = Get-SesContactList -Customer acme -ConfigPath '$Config' -EndpointUrl '$Moto' -Verbose 4>&1
`$lists | ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { 'VERBOSE: ' + `$_.Message } else { 'LIST: ' + `$_.ContactListName } }
"@
        $output | Should -Contain 'LIST: changemgmt' -Because ($output -join "`n")
        ($output -join "`n") | Should -Match ([regex]::Escape('credentials from $StoredAWSCredentials (Set-AWSCredential) (Amazon.Runtime.BasicAWSCredentials)'))
        ($output -join "`n") | Should -Match ([regex]::Escape('region ap-southeast-2 ($StoredAWSRegion (Set-DefaultAWSRegion))'))
    }

    It '-Verbose names the mode, config, caller identity and each role assumed; -Debug each AWS call with status and time' {
        $records = New-SesContactList -Customer acme -Region us-west-1 @Aws -Verbose -Debug 4>&1 5>&1
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        $verbose | Should -Contain "Configuration: $Config (4 customers; SESConfig.json beside it)"
        $verbose | Should -Contain "AWS mode: credentials from profile 'cm-test' (-ProfileName); region us-west-1 (-Region); every service at $Moto/ (-EndpointUrl)"
        $verbose | Where-Object { $_ -like 'AWS caller identity: arn:aws:*(account 123456789012)' } | Should -Not -BeNullOrEmpty
        $verbose | Should -Contain 'acme: assumed ses_role_arn arn:aws:iam::110000000001:role/changemgmt-ses as session changemgmt-powershell-acme'
        $debug | Where-Object { $_ -match '^AWS GetCallerIdentity: 200 in \d+ ms$' } | Should -Not -BeNullOrEmpty
        $debug | Where-Object { $_ -match '^acme: AWS AssumeRole: 200 in \d+ ms$' } | Should -Not -BeNullOrEmpty
        $debug | Where-Object { $_ -match '^acme: AWS POST /v2/email/contact-lists: 200 in \d+ ms$' } | Should -Not -BeNullOrEmpty
    }
}

Describe '-Verbose in local mode' {
    It 'names the data directory and the configuration file' {
        $data = Join-Path $Work 'verbose-data'
        New-Item -ItemType Directory $data -Force | Out-Null
        $verbose = Get-SesContactList -All -ConfigPath $ExampleConfig -DataDirectory $data -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain "Configuration: $ExampleConfig (4 customers; SESConfig.json beside it)"
        $verbose | Should -Contain "Local mode: data directory $data (-DataDirectory or `$CHANGEMGMT_DATA_DIR); AWS parameters are not used"
    }
}

Describe '-Force beside -Confirm' {
    It 'is a parameter of every cmdlet that supports ShouldProcess, and of no other' {
        foreach ($command in Get-Command -Module ChangeMgmt -CommandType Cmdlet) {
            $command.Parameters.ContainsKey('Force') | Should -Be $command.Parameters.ContainsKey('WhatIf') -Because $command.Name
        }
    }

    It 'skips the confirmation prompt; -WhatIf with -Force still changes nothing' {
        $data = Join-Path $Work 'force-data'
        New-Item -ItemType Directory $data -Force | Out-Null
        $env:CHANGEMGMT_BACKUP_DIR = Join-Path $Work 'force-backups'
        New-SesContactList -Customer acme -ConfigPath $ExampleConfig -DataDirectory $data | Out-Null
        Add-SesContact -Customer acme -EmailAddress 'jane@acme.example', 'joe@acme.example' -ConfigPath $ExampleConfig -DataDirectory $data | Out-Null
        $remove = "Import-Module '$ModulePath'; Remove-SesContact -Customer acme -ConfigPath '$ExampleConfig' -DataDirectory '$data'"
        # Without -Force a High-impact removal asks, which a non-interactive session cannot.
        $prompted = Invoke-FreshPwsh "$remove -EmailAddress jane@acme.example"
        ($prompted -join "`n") | Should -Match 'NonInteractive'
        Invoke-FreshPwsh "$remove -EmailAddress jane@acme.example -Force -WhatIf" | Out-Null
        (Get-SesContact -Customer acme -ConfigPath $ExampleConfig -DataDirectory $data).EmailAddress | Sort-Object | Should -Be @('jane@acme.example', 'joe@acme.example')
        Invoke-FreshPwsh "$remove -EmailAddress jane@acme.example -Force" | Out-Null
        (Get-SesContact -Customer acme -ConfigPath $ExampleConfig -DataDirectory $data).EmailAddress | Should -Be @('joe@acme.example')
    }
}
