#Requires -Modules Pester
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
    $script:FixtureConfig = (Resolve-Path (Join-Path $Root '../shared/fixtures/config.json')).Path

    # Every folder the tests write goes under one work folder, removed afterwards.
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-template-' + [Guid]::NewGuid().ToString('n'))
    function New-TempFolder {
        (New-Item -ItemType Directory -Path (Join-Path $Work ([Guid]::NewGuid().ToString('n')))).FullName
    }

    # The fixture config changed by a script block, in a folder of its own (SESConfig.json beside it).
    function New-Config([scriptblock] $Change) {
        $dir = New-TempFolder
        Copy-Item (Join-Path (Split-Path $FixtureConfig) 'SESConfig.json') $dir
        $config = Get-Content $FixtureConfig -Raw | ConvertFrom-Json -AsHashtable
        & $Change $config
        $path = Join-Path $dir 'config.json'
        $config | ConvertTo-Json -Depth 20 | Set-Content $path
        $path
    }
}

AfterAll {
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-ChangeMgmtTemplate' {
    It 'writes the MSP stack for every customer in config.json and says what it wrote' {
        $path = Join-Path (New-TempFolder) 'nested/msp.yaml'
        $result = Export-ChangeMgmtTemplate -ConfigPath $FixtureConfig -Path $path -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Path | Should -Be $path
        $result.Customers | Should -Be @('acme', 'globex', 'initech', 'umbrella')
        $result.Bytes | Should -Be (Get-Item $path).Length
        $result.NeedsS3Upload | Should -Be ($result.Bytes -gt 51200)
        $text = Get-Content $path -Raw
        foreach ($code in $result.Customers) {
            $text | Should -Match "Value: customers/$code/"
            $text | Should -Match "QueueName: changemgmt-$code-dlq"
        }
        $text | Should -Match 'arn:aws:iam::110000000004:role/changemgmt-ses'
        ($warnings | Where-Object { "$_" -match 'no auth section' }) | Should -Not -BeNullOrEmpty
        ($warnings | Where-Object { "$_" -match 'no external_id' }).Count | Should -Be 4
    }

    It 'writes nothing under -WhatIf' {
        $path = Join-Path (New-TempFolder) 'msp.yaml'
        Export-ChangeMgmtTemplate -ConfigPath $FixtureConfig -Path $path -WhatIf -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
    }

    It 'keeps an existing file with -NoClobber and replaces it without' {
        $path = Join-Path (New-TempFolder) 'msp.yaml'
        Set-Content $path 'keep me'
        { Export-ChangeMgmtTemplate -ConfigPath $FixtureConfig -Path $path -NoClobber -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'TemplateExists,ChangeMgmt.Cmdlets.ExportChangeMgmtTemplateCommand'
        Get-Content $path -Raw | Should -Match 'keep me'

        Export-ChangeMgmtTemplate -ConfigPath $FixtureConfig -Path $path -WarningAction SilentlyContinue | Out-Null
        Get-Content $path -Raw | Should -Match 'AWSTemplateFormatVersion'
    }

    It 'refuses a customer without a queue, naming the field' {
        $config = New-Config { param($c) $c.customer_mappings.globex.Remove('sqs_queue_arn') }
        $path = Join-Path (Split-Path $config) 'msp.yaml'
        $err = { Export-ChangeMgmtTemplate -ConfigPath $config -Path $path -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'ConfigInvalid,ChangeMgmt.Cmdlets.ExportChangeMgmtTemplateCommand' -PassThru
        $err.Exception.Message | Should -Match 'customer_mappings\.globex\.sqs_queue_arn'
        Test-Path $path | Should -BeFalse
    }

    It 'follows config.json: a new customer appears, with its queue, notification and role, and nothing is edited by hand' {
        $config = New-Config {
            param($c)
            $c.customer_mappings['hooli'] = @{
                customer_code = 'hooli'; customer_name = 'Hooli'; environment = 'prod'; region = 'us-east-1'
                ses_role_arn = 'arn:aws:iam::110000000009:role/changemgmt-ses'
                sqs_queue_arn = 'arn:aws:sqs:us-east-1:100000000000:changemgmt-hooli'
            }
        }
        $result = Export-ChangeMgmtTemplate -ConfigPath $config -Path (Join-Path (Split-Path $config) 'msp.yaml') -MaximumConcurrency 3 -WarningAction SilentlyContinue
        $result.Customers | Should -Contain 'hooli'
        $text = Get-Content $result.Path -Raw
        $text | Should -Match 'CustomerHooliQueue:'
        $text | Should -Match 'Value: customers/hooli/'
        $text | Should -Match 'arn:aws:iam::110000000009:role/changemgmt-ses'
        $text | Should -Match 'MaximumConcurrency: 3'
    }
}
