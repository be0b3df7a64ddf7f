#Requires -Modules Pester
# Pipelines an administrator writes: customers, addresses and CSV rows flowing into the cmdlets.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
    $script:Saved = @{ Config = $env:CHANGEMGMT_CONFIG; Data = $env:CHANGEMGMT_DATA_DIR; Backups = $env:CHANGEMGMT_BACKUP_DIR }
    $env:CHANGEMGMT_CONFIG = Join-Path $Root 'examples/config.json'
    $env:CHANGEMGMT_DATA_DIR = (New-Item -ItemType Directory -Path (Join-Path $Work 'data')).FullName
    $env:CHANGEMGMT_BACKUP_DIR = Join-Path $Work 'backups'
    New-SesContactList -All | Out-Null
}

AfterAll {
    $env:CHANGEMGMT_CONFIG = $Saved.Config; $env:CHANGEMGMT_DATA_DIR = $Saved.Data; $env:CHANGEMGMT_BACKUP_DIR = $Saved.Backups
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Customers from Get-ChangeMgmtCustomer' {
    It 'feed Sync-SesTopic although they carry no contact_list_name' {
        $errors = $null
        $changes = Get-ChangeMgmtCustomer | Sync-SesTopic -ErrorVariable errors
        $changes | Should -BeNullOrEmpty   # every list already has the configured topics
        $errors.Count | Should -Be 0
    }

    It 'feed Get-SesTopic live, one customer after another' {
        $topics = Get-ChangeMgmtCustomer -Customer acme, globex | Get-SesTopic -TopicName aws-*
        ($topics | Group-Object CustomerCode).Name | Should -Be @('acme', 'globex')
        ($topics | Where-Object CustomerCode -eq 'acme').TopicName | Sort-Object | Should -Be @('aws-announce', 'aws-approval', 'aws-calendar')
    }
}

Describe 'Addresses from the pipeline' {
    It 'bind by property name to Add-, Get- and Remove-SesContact and the suppression cmdlets' {
        $people = [pscustomobject]@{ EmailAddress = 'ann@acme.example' }, [pscustomobject]@{ Email = 'bob@acme.example' }
        $people | Add-SesContact -Customer acme | Out-Null
        ($people[0] | Get-SesContact -Customer acme).EmailAddress | Should -Be 'ann@acme.example'
        $people[1] | Remove-SesContact -Customer acme -Confirm:$false
        (Get-SesContact -Customer acme).EmailAddress | Should -Be @('ann@acme.example')
        $bad = [pscustomobject]@{ EmailAddress = 'bad@acme.example'; Reason = 'Complaint' }
        $bad | Add-SesSuppression -Customer acme | Out-Null
        ($bad | Get-SesSuppression -Customer acme).Reason | Should -Be 'Complaint'
        Get-SesSuppression -Customer acme | Remove-SesSuppression -Confirm:$false
        Get-SesSuppression -Customer acme | Should -BeNullOrEmpty
    }

    It 'never take a piped customer for an address' {
        Add-SesSuppression -Customer acme -EmailAddress 'held@acme.example' -Reason Bounce | Out-Null
        (Get-ChangeMgmtCustomer -Customer acme | Get-SesContact -ErrorVariable e1).EmailAddress | Should -Be @('ann@acme.example')
        (Get-ChangeMgmtCustomer -Customer acme | Get-SesSuppression -ErrorVariable e2).EmailAddress | Should -Be @('held@acme.example')
        $e1.Count + $e2.Count | Should -Be 0
    }
}

Describe 'CSV rows into Set-SesContactSubscription' {
    It 'take UnsubscribeAll as text (true/false/yes/no/1/0; empty leaves it as it is)' {
        Add-SesContact -Customer globex -EmailAddress 'c1@globex.example', 'c2@globex.example', 'c3@globex.example' | Out-Null
        $csv = Join-Path $Work 'subs.csv'
        @(
            'Customer,EmailAddress,Topic,Status,UnsubscribeAll'
            'globex,c1@globex.example,aws-calendar,OPT_IN,yes'
            'globex,c2@globex.example,aws-calendar,OPT_OUT,false'
            'globex,c3@globex.example,aws-calendar,OPT_IN,'
        ) | Set-Content $csv
        Import-Csv $csv | Set-SesContactSubscription | Out-Null
        $contacts = Get-SesContact -Customer globex | Sort-Object EmailAddress
        $contacts.UnsubscribeAll | Should -Be @($true, $false, $false)
        $contacts[2].SubscribedTopics | Should -Contain 'aws-calendar'
        $contacts[1].SubscribedTopics | Should -Not -Contain 'aws-calendar'
    }

    It 'refuse text that is not a Boolean, naming it' {
        { [pscustomobject]@{ Customer = 'globex'; EmailAddress = 'c1@globex.example'; Topic = 'aws-calendar'; Status = 'OPT_IN'; UnsubscribeAll = 'maybe' } |
            Set-SesContactSubscription -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'maybe' is not true or false*"
    }
}

Describe 'Message bodies and changes from the pipeline' {
    It 'numbers bodies without a MessageId across the whole pipeline' {
        $testEvent = Get-Content (Join-Path $Root '../shared/fixtures/sqs-s3-test-event.json') -Raw
        $processed = $testEvent, $testEvent, $testEvent | Invoke-SqsChangeMessage
        $processed.MessageId | Should -Be @('pipeline-1', 'pipeline-2', 'pipeline-3')
        $processed.Outcome | Sort-Object -Unique | Should -Be 'Completed'
    }

    It 'reports a change id that is not a change to Get-ChangeDelivery, and goes on' {
        $draft = New-ChangeRequest -Title 'Delivery lookup' -Customer acme
        $records = 'CHG-20260101-ZZZZZZ', $draft.ChangeId | Get-ChangeDelivery -ErrorVariable errs -ErrorAction SilentlyContinue
        $records | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChangeNotFound,*'
        $errs[0].TargetObject | Should -Be 'CHG-20260101-ZZZZZZ'
    }
}
