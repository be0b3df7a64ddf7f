#Requires -Modules Pester
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    $script:ExampleConfig = Join-Path $Root 'examples/config.json'

    $watch = [Diagnostics.Stopwatch]::StartNew()
    Import-Module $ModulePath -Force
    $watch.Stop()
    Write-Host "Import-Module ChangeMgmt took $($watch.ElapsedMilliseconds) ms"

    function New-BrokenConfig {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        Copy-Item (Join-Path $Root 'examples/SESConfig.json') $dir
        $config = Get-Content $ExampleConfig -Raw | ConvertFrom-Json -AsHashtable
        $config.aws_region = 'nowhere'
        $config.customer_mappings.acme.ses_role_arn = 'not-an-arn'
        $path = Join-Path $dir 'config.json'
        $config | ConvertTo-Json -Depth 20 | Set-Content $path
        $path
    }
}

AfterAll {
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
}

Describe 'ChangeMgmt module' {
    It 'exports exactly the cmdlets its manifest lists, all with approved verbs' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'ChangeMgmt.psd1')
        $names = (Get-Command -Module ChangeMgmt -CommandType Cmdlet).Name | Sort-Object
        $names | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        $approved = (Get-Verb).Verb
        foreach ($name in $names) { $approved | Should -Contain ($name -split '-')[0] -Because $name }
    }

    It 'offers Cancel-ChangeRequest as an alias of Stop-ChangeRequest' {
        (Get-Alias Cancel-ChangeRequest).ResolvedCommandName | Should -Be 'Stop-ChangeRequest'
    }

    It 'declares an output type on every cmdlet' {
        foreach ($command in Get-Command -Module ChangeMgmt) {
            $command.OutputType | Should -Not -BeNullOrEmpty -Because $command.Name
        }
    }
}

Describe 'Get-ChangeMgmtConfig' {
    It 'loads examples/config.json' {
        $config = Get-ChangeMgmtConfig -ConfigPath $ExampleConfig
        $config.GetType().FullName | Should -Be 'ChangeMgmt.Core.Configuration.ChangeMgmtConfig'
        $config.CustomerMappings.Keys | Should -Contain 'acme'
    }

    It 'falls back to $env:CHANGEMGMT_CONFIG' {
        $previous = $env:CHANGEMGMT_CONFIG
        try {
            $env:CHANGEMGMT_CONFIG = $ExampleConfig
            (Get-ChangeMgmtConfig).CustomerMappings.Keys | Should -Contain 'globex'
        }
        finally { $env:CHANGEMGMT_CONFIG = $previous }
    }

    It 'terminates with ConfigInvalid listing every field path of a broken config' {
        $broken = New-BrokenConfig
        $err = $null
        try { Get-ChangeMgmtConfig -ConfigPath $broken; throw 'expected a terminating error' }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ConfigInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'aws_region'
        $err.Exception.Message | Should -Match 'customer_mappings\.acme\.ses_role_arn'
    }
}

Describe 'Test-ChangeMgmtConfig' {
    It 'finds no problem in examples/config.json' {
        Test-ChangeMgmtConfig -ConfigPath $ExampleConfig | Should -BeNullOrEmpty
        Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -Quiet | Should -BeTrue
    }

    It 'outputs one record per problem, and $false with -Quiet' {
        $broken = New-BrokenConfig
        $problems = @(Test-ChangeMgmtConfig -ConfigPath $broken)
        $problems.Path | Should -Contain 'aws_region'
        $problems.Path | Should -Contain 'customer_mappings.acme.ses_role_arn'
        $problems.Count | Should -Be 2
        Test-ChangeMgmtConfig -ConfigPath $broken -Quiet | Should -BeFalse
    }
}

Describe 'Test-ChangeMgmtConfig -Connectivity -S3Event (local mode)' {
    BeforeAll {
        $script:DataDir = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $DataDir | Out-Null
        New-SesContactList -Customer acme, globex -ConfigPath $ExampleConfig -DataDirectory $DataDir | Out-Null
        Initialize-SesAccount -Customer acme, globex -RequestProductionAccess -ConfigPath $ExampleConfig -DataDirectory $DataDir -Confirm:$false | Out-Null
    }
    AfterAll { Remove-Item $DataDir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'reaches every customer''s account, naming its list or the missing one' {
        $results = Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -DataDirectory $DataDir -Connectivity |
            Where-Object { $_.GetType().Name -eq 'ConnectivityResult' } | Sort-Object CustomerCode
        $results.CustomerCode | Should -Be @('acme', 'globex', 'initech', 'umbrella')
        $results.Status | Sort-Object -Unique | Should -Be 'Reachable'
        ($results | Where-Object CustomerCode -eq 'acme').ContactListName | Should -Be 'changemgmt'
        ($results | Where-Object CustomerCode -eq 'initech').ContactListName | Should -BeNullOrEmpty
        ($results | Where-Object CustomerCode -eq 'initech').Message | Should -Match 'New-SesContactList -Customer initech'
        ($results | Where-Object CustomerCode -eq 'acme').MaxSendRate | Should -BeGreaterThan 0
    }

    It 'finds the local bucket routing in line with every customer, and answers $true with -Quiet' {
        $results = @(Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -DataDirectory $DataDir -S3Event |
            Where-Object { $_.GetType().Name -eq 'S3EventCheckResult' })
        $results.Count | Should -Be 4
        $results.Status | Sort-Object -Unique | Should -Be 'InSync'
        Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -DataDirectory $DataDir -Connectivity -S3Event -Customer acme, globex -Quiet | Should -BeTrue
    }

    It '-Connectivity fails a reachable account that is in the sandbox without a verified sender identity' {
        $rows = @(Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -DataDirectory $DataDir -Connectivity -Customer initech |
            Where-Object { $_.GetType().Name -eq 'DeliverabilityResult' })
        $rows.Check | Should -Be @('ProductionAccess', 'SendingEnabled', 'SenderIdentity')
        ($rows | Where-Object Status -eq 'Fail').Check | Should -Be @('ProductionAccess', 'SenderIdentity')
        ($rows | Where-Object Check -eq 'SenderIdentity').Fix | Should -Match 'Initialize-SesAccount -Customer initech'
        Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -DataDirectory $DataDir -Connectivity -Customer initech -Quiet | Should -BeFalse
    }

    It 'checks only the customers named, and skips the live checks when the configuration is broken' {
        $results = @(Test-ChangeMgmtConfig -ConfigPath $ExampleConfig -DataDirectory $DataDir -Connectivity -Customer g*)
        $results.CustomerCode | Sort-Object -Unique | Should -Be @('globex')
        $broken = New-BrokenConfig
        $out = @(Test-ChangeMgmtConfig -ConfigPath $broken -DataDirectory $DataDir -Connectivity -WarningVariable warned -WarningAction SilentlyContinue)
        $out.GetType().Name | Sort-Object -Unique | Should -Not -Contain 'ConnectivityResult'
        ($out | Where-Object { $_.GetType().Name -eq 'ConfigProblem' }).Count | Should -Be 2
        $warned.Count | Should -Be 1
    }
}

Describe 'Get-ChangeMgmtCustomer' {
    It 'returns every customer without -Customer' {
        (Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig).CustomerCode | Should -Be @('acme', 'globex', 'initech', 'umbrella')
    }

    It "returns acme only for 'a*'" {
        $customers = @(Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer 'a*')
        $customers.Count | Should -Be 1
        $customers[0].CustomerCode | Should -Be 'acme'
        $customers[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Configuration.CustomerConfig'
    }

    It 'takes codes from the pipeline and pipes its output' {
        $codes = 'acme', 'umbrella' | Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig | ForEach-Object CustomerCode
        $codes | Should -Be @('acme', 'umbrella')
        $again = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer 'g*' | Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig
        $again.CustomerCode | Should -Be 'globex'
    }

    It 'reports an unknown customer as CustomerNotFound and still returns the others' {
        $found = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer 'acme', 'nope', 'globex' -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.CustomerCode | Should -Be @('acme', 'globex')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nope'
    }

    It 'does not report a wildcard that matches nothing' {
        $found = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer 'zz*' -ErrorVariable errs
        $found | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }

    It 'marks -Customer as supporting wildcards' {
        $parameter = (Get-Command Get-ChangeMgmtCustomer).Parameters['Customer']
        $parameter.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) | Should -Not -BeNullOrEmpty
    }

    It 'tab-completes -Customer from the configuration' {
        $line = "Get-ChangeMgmtCustomer -ConfigPath '$ExampleConfig' -Customer g"
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Be @('globex')
    }

    It 'uses the default table view' {
        $text = Get-ChangeMgmtCustomer -ConfigPath $ExampleConfig -Customer acme | Out-String
        $text | Should -Match 'CustomerCode\s+DisplayName\s+Environment\s+Region'
        $text | Should -Match 'acme\s+Acme Corp'
    }

    It 'terminates with ConfigInvalid on a broken config' {
        $broken = New-BrokenConfig
        { Get-ChangeMgmtCustomer -ConfigPath $broken } | Should -Throw -ErrorId 'ConfigInvalid,*'
    }
}

Describe 'A data directory that does not exist' {
    BeforeAll {
        $script:Parent = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $Parent | Out-Null
        $script:Missing = Join-Path $Parent 'typo/.data'
        $script:SavedDataDir = $env:CHANGEMGMT_DATA_DIR
    }
    AfterAll {
        $env:CHANGEMGMT_DATA_DIR = $SavedDataDir
        Remove-Item $Parent -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is an error naming the path and how to create it, from -DataDirectory (<Command>)' -ForEach @(
        @{ Command = 'Get-SesContactList'; Arguments = @{ Customer = 'acme' } }
        @{ Command = 'New-SesContactList'; Arguments = @{ Customer = 'acme' } }
        @{ Command = 'Get-ChangeRequest'; Arguments = @{} }
        @{ Command = 'Invoke-SqsChangeMessage'; Arguments = @{ All = $true } }
    ) {
        $err = try { & $Command @Arguments -ConfigPath $ExampleConfig -DataDirectory $Missing; $null } catch { $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DataDirectoryNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $Missing
        $err.Exception.Message | Should -Match ([regex]::Escape($Missing))
        $err.Exception.Message | Should -Match '--data-dir'
        $err.Exception.Message | Should -Match 'New-Item -ItemType Directory'
        Test-Path $Missing | Should -BeFalse -Because 'nothing is created in the wrong place'
    }

    It 'is the same error from $env:CHANGEMGMT_DATA_DIR' {
        $env:CHANGEMGMT_DATA_DIR = $Missing
        { Get-SesContactList -Customer acme -ConfigPath $ExampleConfig } | Should -Throw -ErrorId 'DataDirectoryNotFound,*'
        Test-Path $Missing | Should -BeFalse
    }
}

Describe 'Initialize-SesAccount, Test-ChangeMgmtConfig -Deliverability, Send-SesTestEmail (local mode)' {
    BeforeAll {
        $script:DataDir = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $DataDir | Out-Null
        $script:Local = @{ ConfigPath = $ExampleConfig; DataDirectory = $DataDir }
    }
    AfterAll { Remove-Item $DataDir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'a new account is not ready: failing checks with fixes, a summary, and $false with -Quiet' {
        $out = @(Test-ChangeMgmtConfig @Local -Customer umbrella -Deliverability)
        $summary = $out | Where-Object { $_.GetType().Name -eq 'DeliverabilitySummary' }
        $summary.NotReadyCustomers | Should -Be @('umbrella')
        $failed = $out | Where-Object { $_.GetType().Name -eq 'DeliverabilityResult' -and $_.Status -eq 'Fail' }
        $failed.Check | Should -Contain 'ProductionAccess'
        $failed.Check | Should -Contain 'ConfigurationSet'
        $failed | ForEach-Object { $_.Fix | Should -Not -BeNullOrEmpty }
        Test-ChangeMgmtConfig @Local -Customer umbrella -Deliverability -Quiet | Should -BeFalse
    }

    It '-WhatIf writes the plan and changes nothing; a run readies the account; a rerun finds every step already so' {
        $plan = @(Initialize-SesAccount @Local -Customer umbrella -RequestProductionAccess -WhatIf)
        ($plan | Where-Object Status -eq 'Planned').Step | Should -Contain 'DomainIdentity'
        Test-ChangeMgmtConfig @Local -Customer umbrella -Deliverability -Quiet | Should -BeFalse

        $done = @(Initialize-SesAccount @Local -Customer umbrella -RequestProductionAccess -Confirm:$false)
        $done.Status | Sort-Object -Unique | Should -Be @('Done')
        Test-ChangeMgmtConfig @Local -Customer umbrella -Deliverability -Quiet | Should -BeTrue

        $again = @(Initialize-SesAccount @Local -Customer umbrella -Confirm:$false)
        $again.Status | Sort-Object -Unique | Should -Be @('AlreadySo')
    }

    It 'sends a test message to the mailbox simulator with the configuration set, and says it is not a contact' {
        $sent = Send-SesTestEmail @Local -Customer umbrella -To success@simulator.amazonses.com -Confirm:$false
        $sent.MessageId | Should -Not -BeNullOrEmpty
        $sent.ConfigurationSetName | Should -Be 'changemgmt'
        $sent.IsSimulator | Should -BeTrue
        $sent.IsContact | Should -BeFalse
        $eml = Get-ChildItem (Join-Path $DataDir 'outbox/umbrella') -Filter "*$($sent.MessageId).eml" | Get-Content -Raw
        $eml | Should -Match 'X-SES-CONFIGURATION-SET: changemgmt'
        $eml | Should -Match 'List-Unsubscribe:'
    }
}
