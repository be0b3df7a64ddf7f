#Requires -Modules Pester
# Invoke-SqsChangeMessage, Send-ChangeNotification and Get-ChangeDelivery in local mode: every
# Describe works in its own fresh data directory (queues, SES accounts, ledger, outbox).
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

    $script:Fixtures = Join-Path $Root '../shared/fixtures'
    $script:SavedEnv = @{}
    foreach ($name in 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_BACKUP_DIR', 'CHANGEMGMT_CONFIG') {
        $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:CHANGEMGMT_CONFIG = Join-Path $Root 'examples/config.json'
    # This session writes and approves its own changes: an explicit, recorded self-approval.
    $script:SelfApproval = @{ 'Approve-ChangeRequest:AllowSelfApproval' = $true; 'Approve-ChangeRequest:Reason' = 'Pester: one session authors and approves.' }
    foreach ($key in $SelfApproval.Keys) { $PSDefaultParameterValues[$key] = $SelfApproval[$key] }
    $script:TempDirs = [Collections.Generic.List[string]]::new()
    $script:OneApproverEach = @{
        acme = @{ 'lead@acme.example' = 'aws-approval' }
        globex = @{ 'cto@globex.example' = 'aws-approval' }
    }

    # A fresh local store with every customer's contact list, and the given contacts:
    # @{ acme = @{ 'a@acme.example' = 'aws-approval', 'aws-announce' } }.
    function Initialize-Store([hashtable] $Contacts) {
        foreach ($name in 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_BACKUP_DIR') {
            $dir = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-pester-' + [Guid]::NewGuid().ToString('n'))
            New-Item -ItemType Directory -Path $dir | Out-Null
            $TempDirs.Add($dir)
            [Environment]::SetEnvironmentVariable($name, $dir)
        }
        New-SesContactList -All | Out-Null
        foreach ($customer in $Contacts.Keys) {
            foreach ($address in $Contacts[$customer].Keys) {
                Add-SesContact -Customer $customer -EmailAddress $address -Topic $Contacts[$customer][$address] | Out-Null
            }
        }
    }

    # A complete change for these customers, submitted (its triggers wait in their queues).
    function New-SubmittedChange([string[]] $Customer) {
        $start = [datetimeoffset]::UtcNow.AddMinutes(-10)   # under way: it can be submitted, approved and completed
        New-ChangeRequest -Title 'Rotate ingress certificates' -Customer $Customer -Reason 'Expiry.' -ImplementationPlan 'Swap.' `
            -TestPlan 'Probe.' -CustomerImpact 'None.' -RollbackPlan 'Swap back.' -Start $start -End $start.AddHours(1) -TimeZone 'America/New_York' |
            Submit-ChangeRequest
    }

    # The .eml files sent to a customer's people so far.
    function Get-Eml([string] $Customer) {
        @(Get-ChildItem -Path (Join-Path $env:CHANGEMGMT_DATA_DIR "outbox/$Customer") -Filter *.eml -File -ErrorAction SilentlyContinue)
    }

    # The S3 event notification S3 sends for a trigger object, in the shape of the fixture.
    function New-S3EventBody([string] $Customer, [string] $ChangeId) {
        $event = Get-Content (Join-Path $Fixtures 'sqs-s3-event.json') -Raw | ConvertFrom-Json
        $event.Records[0].s3.object.key = "customers/$Customer/$ChangeId.json"
        $event | ConvertTo-Json -Depth 10 -Compress
    }

    # The legacy ChangeMgmt message for a trigger object, in the shape of the fixture.
    function New-LegacyBody([string] $Customer, [string] $ChangeId) {
        $message = Get-Content (Join-Path $Fixtures 'sqs-legacy.json') -Raw | ConvertFrom-Json
        $message.customer_code = $Customer
        $message.s3_key = "customers/$Customer/$ChangeId.json"
        $message | ConvertTo-Json -Depth 10 -Compress
    }
}

AfterAll {
    foreach ($key in $SelfApproval.Keys) { $PSDefaultParameterValues.Remove($key) }
    Restore-Environment $SavedEnv
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
    foreach ($dir in $TempDirs) { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
}

Describe 'Invoke-SqsChangeMessage on the customers'' queues' {
    BeforeAll {
        Initialize-Store @{
            acme = @{
                'lead@acme.example' = 'aws-approval', 'aws-announce', 'aws-calendar'
                'ops@acme.example' = 'aws-approval'
                'reader@acme.example' = 'aws-announce'
            }
            globex = @{ 'cto@globex.example' = 'aws-approval' }
        }
        $script:Change = New-SubmittedChange -Customer acme, globex
        $script:Id = $Change.ChangeId
    }

    It '-WhatIf resolves the recipients, sends nothing and leaves the message in the queue' {
        $dry = @(Invoke-SqsChangeMessage -Customer acme -WhatIf)
        $dry.Count | Should -Be 1
        $dry[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Delivery.ProcessedMessage'
        $dry[0].DryRun | Should -BeTrue
        $dry[0].CustomerCode | Should -Be 'acme'
        $dry[0].Outcome | Should -Be 'Completed'
        $delivery = $dry[0].Deliveries[0]
        $delivery.ChangeId | Should -Be $Id
        $delivery.DryRun | Should -BeTrue
        $delivery.Notifications[0].Kind | Should -Be 'ApprovalRequest'
        $delivery.Notifications[0].Topic | Should -Be 'aws-approval'
        $delivery.Notifications[0].Recipients | Sort-Object | Should -Be @('lead@acme.example', 'ops@acme.example')
        $delivery.Notifications[0].Sent | Should -Be 0
        Get-Eml acme | Should -BeNullOrEmpty
        Get-ChangeDelivery -ChangeId $Id | Should -BeNullOrEmpty
        $again = @(Invoke-SqsChangeMessage -Customer acme -WhatIf)
        $again.MessageId | Should -Be $dry.MessageId -Because 'a dry run deletes nothing'
    }

    It '-All sends one email per recipient and records each with its SES message id' {
        $processed = @(Invoke-SqsChangeMessage -All)
        $processed.CustomerCode | Sort-Object | Should -Be @('acme', 'globex')
        $processed.Outcome | Sort-Object -Unique | Should -Be 'Completed'
        $processed.DryRun | Sort-Object -Unique | Should -BeFalse
        ($processed | Where-Object CustomerCode -EQ acme).Deliveries[0].Notifications[0].Sent | Should -Be 2
        (Get-Eml acme).Count | Should -Be 2
        (Get-Eml globex).Count | Should -Be 1
        Get-Eml initech | Should -BeNullOrEmpty

        $ledger = @(Get-ChangeDelivery -ChangeId $Id)
        $ledger.Count | Should -Be 3
        $ledger[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Delivery.ChangeDelivery'
        $ledger.Recipient | Sort-Object | Should -Be @('cto@globex.example', 'lead@acme.example', 'ops@acme.example')
        $ledger.State | ForEach-Object ToString | Sort-Object -Unique | Should -Be 'Sent'
        $ledger.Kind | ForEach-Object ToString | Sort-Object -Unique | Should -Be 'ApprovalRequest'
        $ledger.Version | Sort-Object -Unique | Should -Be 2
        $ledger.MessageId | Where-Object { $_ } | Sort-Object -Unique | Should -HaveCount 3
        foreach ($record in $ledger) {
            $eml = Get-Eml $record.CustomerCode | Where-Object Name -Like "*$($record.MessageId)*"
            $eml | Should -HaveCount 1 -Because "the .eml of $($record.Recipient) is named after its message id"
            Get-Content $eml.FullName -Raw | Should -Match "(?m)^To:.*$([regex]::Escape($record.Recipient))"
        }
    }

    It 'sends nothing more when run again' {
        Invoke-SqsChangeMessage -All | Should -BeNullOrEmpty -Because 'the messages were deleted'
        (Get-Eml acme).Count | Should -Be 2
        (Get-Eml globex).Count | Should -Be 1
        @(Get-ChangeDelivery -ChangeId $Id).Count | Should -Be 3
    }

    It 'sends the announcement and the calendar invite of an approved change to their topics' {
        $approved = $Change | Approve-ChangeRequest
        $processed = @(Invoke-SqsChangeMessage -All)
        $processed.Outcome | Sort-Object -Unique | Should -Be 'Completed'
        $sent = @(Get-ChangeDelivery -ChangeId $Id -Customer acme | Where-Object Version -EQ $approved.Version)
        ($sent | Where-Object Kind -EQ 'Announcement').Recipient | Sort-Object |
            Should -Be @('lead@acme.example', 'ops@acme.example', 'reader@acme.example') -Because 'aws-announce is OPT_IN by default'
        ($sent | Where-Object Kind -EQ 'CalendarInvite').Recipient | Should -Be @('lead@acme.example') -Because 'aws-calendar is OPT_OUT by default'
        ($sent | Where-Object Kind -EQ 'CalendarInvite').Topic | Should -Be 'aws-calendar'
        (Get-Eml acme).Count | Should -Be 6
        $invite = Get-Eml acme | Where-Object Name -Like "*$(($sent | Where-Object Kind -EQ 'CalendarInvite').MessageId)*"
        Get-Content $invite.FullName -Raw | Should -Match 'text/calendar'
    }
}

Describe 'Invoke-SqsChangeMessage -Body' {
    BeforeAll {
        Initialize-Store $OneApproverEach
        $script:Id = (New-SubmittedChange -Customer acme, globex).ChangeId
    }

    It 'previews an S3 event body with -WhatIf, sending nothing' {
        $dry = New-S3EventBody acme $Id | Invoke-SqsChangeMessage -WhatIf
        $dry.DryRun | Should -BeTrue
        $dry.Outcome | Should -Be 'Completed'
        $dry.Deliveries[0].Notifications[0].Recipients | Should -Be @('lead@acme.example')
        Get-Eml acme | Should -BeNullOrEmpty
    }

    It 'sends for an S3 event body from the pipeline, with the message id bound by property name' {
        $processed = [pscustomobject]@{ MessageId = 'm-acme-1'; Body = New-S3EventBody acme $Id } | Invoke-SqsChangeMessage
        $processed.MessageId | Should -Be 'm-acme-1'
        $processed.Outcome | Should -Be 'Completed'
        $processed.DryRun | Should -BeFalse
        $processed.Deliveries[0].Notifications[0].Sent | Should -Be 1
        (Get-Eml acme).Count | Should -Be 1
    }

    It 'sends nothing twice for a duplicated body' {
        $processed = Invoke-SqsChangeMessage -Body (New-S3EventBody acme $Id)
        $processed.Outcome | Should -Be 'Completed'
        $processed.Deliveries[0].Notifications[0].Sent | Should -Be 0
        $processed.Deliveries[0].Notifications[0].AlreadySent | Should -Be 1
        (Get-Eml acme).Count | Should -Be 1
    }

    It 'sends for a legacy message body' {
        $processed = Invoke-SqsChangeMessage -Body (New-LegacyBody globex $Id) -Customer globex
        $processed.CustomerCode | Should -Be 'globex'
        $processed.Outcome | Should -Be 'Completed'
        $processed.Deliveries[0].Notifications[0].Sent | Should -Be 1
        (Get-Eml globex).Count | Should -Be 1
    }

    It 'numbers several bodies given at once' {
        $processed = @(Invoke-SqsChangeMessage -Body (New-S3EventBody acme $Id), (New-LegacyBody globex $Id))
        $processed.MessageId | Should -Be @('pipeline-1', 'pipeline-2')
        $processed.Outcome | Sort-Object -Unique | Should -Be 'Completed'
    }

    It 'leaves the queues alone: their messages are still there and send nothing new' {
        $fromQueues = @(Invoke-SqsChangeMessage -All)
        $fromQueues.CustomerCode | Sort-Object | Should -Be @('acme', 'globex')
        $fromQueues.Deliveries.Notifications.Sent | Sort-Object -Unique | Should -Be 0
        $fromQueues.Deliveries.Notifications.AlreadySent | Sort-Object -Unique | Should -Be 1
        (Get-Eml acme).Count + (Get-Eml globex).Count | Should -Be 2
    }

    It 'reports a body naming another customer than its queue as MessagePoison' {
        $errs = $null
        $processed = Invoke-SqsChangeMessage -Body (New-S3EventBody acme $Id) -Customer globex -ErrorVariable errs -ErrorAction SilentlyContinue
        $processed.Outcome | Should -Be 'Poison'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MessagePoison,*'
        $errs[0].Exception.Message | Should -Match "came from the queue of 'globex'"
    }

    It 'reports the <Name> fixture, whose change is not here, as MessagePoison naming the missing archive object' -ForEach @(
        @{ Name = 'sqs-s3-event.json' }
        @{ Name = 'sqs-legacy.json' }
    ) {
        $errs = $null
        $processed = Get-Content (Join-Path $Fixtures $Name) -Raw | Invoke-SqsChangeMessage -ErrorVariable errs -ErrorAction SilentlyContinue
        $processed.Outcome | Should -Be 'Poison'
        $processed.Deliveries | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'MessagePoison,ChangeMgmt.Cmdlets.InvokeSqsChangeMessageCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be 'pipeline-1'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape('archive/CHG-20261130-7Q2K9D.json does not exist'))
    }

    It 'acknowledges the s3:TestEvent fixture as Completed, sending nothing' {
        $errs = $null
        $processed = Get-Content (Join-Path $Fixtures 'sqs-s3-test-event.json') -Raw | Invoke-SqsChangeMessage -ErrorVariable errs
        $processed.Outcome | Should -Be 'Completed'
        $processed.Description | Should -Match 's3:TestEvent'
        $processed.Deliveries | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }

    It 'reports a body that is not JSON as MessagePoison, and outputs it with Outcome Poison' {
        $errs = $null
        $processed = Invoke-SqsChangeMessage -Body '{not json' -ErrorVariable errs -ErrorAction SilentlyContinue
        $processed.Outcome | Should -Be 'Poison'
        $processed.Description | Should -Match 'not JSON'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MessagePoison,*'
    }
}

Describe 'Send-ChangeNotification' {
    BeforeAll {
        Initialize-Store @{
            acme = @{ 'lead@acme.example' = 'aws-approval' }
            globex = @{ 'cto@globex.example' = 'aws-approval' }
            initech = @{ 'qa-team@initech.example' = 'aws-approval'; 'dev@initech.example' = 'aws-approval' }
        }
        $script:Change = New-SubmittedChange -Customer acme, globex, initech
        $script:Id = $Change.ChangeId
    }

    It '-WhatIf resolves the recipients and sends nothing' {
        $dry = Send-ChangeNotification -ChangeId $Id -Customer acme -WhatIf
        $dry.GetType().FullName | Should -Be 'ChangeMgmt.Core.Delivery.CustomerDelivery'
        $dry.DryRun | Should -BeTrue
        $dry.Notifications[0].Recipients | Should -Be @('lead@acme.example')
        Get-Eml acme | Should -BeNullOrEmpty
        Get-ChangeDelivery -ChangeId $Id | Should -BeNullOrEmpty
    }

    It 'sends the current status''s notification to the one customer asked for' {
        $delivery = Send-ChangeNotification -ChangeId $Id -Customer acme
        $delivery.CustomerCode | Should -Be 'acme'
        $delivery.Version | Should -Be 2
        $delivery.DryRun | Should -BeFalse
        $delivery.Notifications[0].Kind | Should -Be 'ApprovalRequest'
        $delivery.Notifications[0].Sent | Should -Be 1
        (Get-Eml acme).Count | Should -Be 1
        Get-Eml globex | Should -BeNullOrEmpty
        Get-Eml initech | Should -BeNullOrEmpty
    }

    It 'counts a second send as AlreadySent and sends no new email' {
        $delivery = Send-ChangeNotification -ChangeId $Id -Customer acme
        $delivery.Notifications[0].Sent | Should -Be 0
        $delivery.Notifications[0].AlreadySent | Should -Be 1
        (Get-Eml acme).Count | Should -Be 1
    }

    It 'sends only to the restricted recipients of a customer that has them' {
        $delivery = Send-ChangeNotification -ChangeId $Id -Customer initech
        $delivery.Notifications[0].Recipients | Should -Be @('qa-team@initech.example')
        (Get-Eml initech).Count | Should -Be 1
    }

    It 'terminates with EventNotInHistory for a status the change never had' {
        { Send-ChangeNotification -ChangeId $Id -Customer acme -Event Approved } |
            Should -Throw -ErrorId 'EventNotInHistory,ChangeMgmt.Cmdlets.SendChangeNotificationCommand'
        (Get-Eml acme).Count | Should -Be 1
    }

    It 'terminates with ChangeNotFound for a change that does not exist' {
        { Send-ChangeNotification -ChangeId 'CHG-20260101-AAAAAA' -All } | Should -Throw -ErrorId 'ChangeNotFound,*'
    }

    It 'sends nothing to a customer the change does not include' {
        Send-ChangeNotification -ChangeId $Id -Customer umbrella | Should -BeNullOrEmpty
        Get-Eml umbrella | Should -BeNullOrEmpty
    }

    It 'goes on with the other customers when one fails (-All)' {
        Remove-SesContactList -Customer initech -Confirm:$false 6>$null
        $errs = $null
        $deliveries = @(Send-ChangeNotification -ChangeId $Id -All -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactListNotFound,*'
        $errs[0].TargetObject | Should -Be 'initech'
        $deliveries.CustomerCode | Sort-Object | Should -Be @('acme', 'globex')
        ($deliveries | Where-Object CustomerCode -EQ globex).Notifications[0].Sent | Should -Be 1
        ($deliveries | Where-Object CustomerCode -EQ acme).Notifications[0].AlreadySent | Should -Be 1
        (Get-Eml globex).Count | Should -Be 1
        (Get-Eml acme).Count | Should -Be 1
    }

    It 'does not send the approval request again with -Event Submitted once the change is approved' {
        $approved = $Change | Approve-ChangeRequest
        $approved.Version | Should -Be 3
        $delivery = Send-ChangeNotification -ChangeId $Id -Customer acme -Event Submitted
        $delivery.Notifications[0].Kind | Should -Be 'ApprovalRequest'
        $delivery.Notifications[0].Sent | Should -Be 0 -Because 'lead@acme.example already got the approval request of this change'
        (Get-Eml acme).Count | Should -Be 1
    }
}

Describe 'Get-ChangeDelivery' {
    BeforeAll {
        Initialize-Store $OneApproverEach
        $script:Id = (New-SubmittedChange -Customer acme, globex).ChangeId
        Invoke-SqsChangeMessage -All | Out-Null
    }

    It 'takes a change from Get-ChangeRequest on the pipeline' {
        $records = @(Get-ChangeRequest -ChangeId $Id | Get-ChangeDelivery)
        $records.CustomerCode | Should -Be @('acme', 'globex')
        $records.ChangeId | Sort-Object -Unique | Should -Be $Id
    }

    It 'takes the summaries of a search on the pipeline' {
        @(Get-ChangeRequest -Status Submitted | Get-ChangeDelivery).Recipient | Sort-Object |
            Should -Be @('cto@globex.example', 'lead@acme.example')
    }

    It 'filters with -Customer (wildcards allowed)' {
        (Get-ChangeDelivery -ChangeId $Id -Customer acme).Recipient | Should -Be @('lead@acme.example')
        (Get-ChangeDelivery -ChangeId $Id -Customer 'g*').Recipient | Should -Be @('cto@globex.example')
    }

    It 'reports an unknown customer as CustomerNotFound' {
        $errs = $null
        Get-ChangeDelivery -ChangeId $Id -Customer nope -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*'
    }

    It 'returns nothing for a change nobody was told about' {
        $draft = New-ChangeRequest -Title 'Quiet' -Customer acme
        $draft | Get-ChangeDelivery | Should -BeNullOrEmpty
    }
}

Describe 'Get-ChangeDeliveryStatus' {
    BeforeAll {
        Initialize-Store $OneApproverEach
        $script:Id = (New-SubmittedChange -Customer acme, globex).ChangeId
        Remove-SesContactList -Customer globex -Confirm:$false | Out-Null
        Invoke-SqsChangeMessage -All | Out-Null
    }

    It 'reads sent for a delivered customer and failed with the fix for one whose account has no contact list' {
        $status = @(Get-ChangeDeliveryStatus -ChangeId $Id)
        $status[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Delivery.CustomerDeliveryStatus'
        $status.Customer | Should -Be @('acme', 'globex')
        $status.ChangeId | Should -Be @($Id, $Id)
        $status[0].State | Should -Be 'Sent'
        $status[1].State | Should -Be 'Failed'
        $status[1].Error | Should -BeLike 'globex (SES account *): the account has no contact list*Fix: New-SesContactList -Customer globex*'
    }

    It 'keeps to -Customer' {
        (Get-ChangeDeliveryStatus -ChangeId $Id -Customer globex).Customer | Should -Be 'globex'
    }

    It 'shows its rows under the property names' {
        $table = Get-ChangeDeliveryStatus -ChangeId $Id | Format-Table | Out-String -Width 300
        $table | Should -Match 'ChangeId\s+Customer\s+State\s+Sent\s+Failed\s+Total\s+DeadLetters\s+Error\s+UpdatedAt'
    }

    It 'shows the sent counts of an approved change once its delivery ran, from Get-ChangeRequest on the pipeline' {
        Initialize-Store @{ acme = @{ 'lead@acme.example' = 'aws-approval', 'aws-announce'; 'ops@acme.example' = 'aws-announce' } }
        $change = New-SubmittedChange -Customer acme | Approve-ChangeRequest
        (Get-ChangeDeliveryStatus -ChangeId $change.ChangeId).State | Should -Be 'Queued'

        Invoke-SqsChangeMessage -All | Out-Null

        $status = Get-ChangeRequest -ChangeId $change.ChangeId | Get-ChangeDeliveryStatus
        $status.State | Should -Be 'Sent'
        $status.Version | Should -Be $change.Version
        $status.Sent | Should -Be 2
        $status.Total | Should -Be 2
        $status.Failed | Should -Be 0
        $status.DeadLetters | Should -Be 0
    }

}

Describe 'Get-SesReputation' {
    BeforeAll {
        Initialize-Store @{ acme = @{ 'lead@acme.example' = 'aws-approval'; 'ops@acme.example' = 'aws-approval' }; globex = @{ 'cto@globex.example' = 'aws-approval' } }
        New-SubmittedChange -Customer acme, globex | Out-Null
        Invoke-SqsChangeMessage -All | Out-Null
    }

    It 'counts each customer''s sends from the ledger and reads SES''s own status, in customer order' {
        $reputation = @(Get-SesReputation -All)
        $reputation[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Feedback.CustomerReputation'
        $reputation.CustomerCode | Should -Be @((Get-ChangeMgmtCustomer).CustomerCode)
        ($reputation | Where-Object CustomerCode -eq acme).Recent.Sent | Should -Be 2
        ($reputation | Where-Object CustomerCode -eq globex).LastSends.Sent | Should -Be 1
        ($reputation | Where-Object CustomerCode -eq acme).Status | Should -Be 'Healthy'
        ($reputation | Where-Object CustomerCode -eq acme).SesEnforcementStatus | Should -Be 'HEALTHY'
        ($reputation | Where-Object CustomerCode -eq acme).BounceRateWarning | Should -Be 0.02
    }

    It '-LedgerOnly does not ask SES' {
        $acme = Get-SesReputation -Customer acme -LedgerOnly
        $acme.SesEnforcementStatus | Should -BeNullOrEmpty
        $acme.Recent.Sent | Should -Be 2
    }

    It 'takes customers from the pipeline and writes the status by name in JSON' {
        $json = Get-ChangeMgmtCustomer -Customer globex | Get-SesReputation -LedgerOnly | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.CustomerCode | Should -Be 'globex'
        $json.Status | Should -Be 'Healthy'
    }

    It 'shows its rows as a table with the rates' {
        $table = Get-SesReputation -Customer acme -LedgerOnly | Format-Table | Out-String -Width 300
        $table | Should -Match 'CustomerCode\s+Status\s+Recent\s+SesEnforcementStatus\s+Reason'
        $table | Should -Match 'acme\s+Healthy\s+2 sent, 0\.00% bounces, 0\.00% complaints'
    }
}

Describe 'Get-ChangeEmailPreview' {
    BeforeAll {
        Initialize-Store $OneApproverEach
        $script:Title = 'Patch <script>alert(1)</script> & more'
        $start = [datetimeoffset]::UtcNow.AddDays(2)
        $script:Draft = New-ChangeRequest -Title $Title -Customer acme, globex -Reason 'Expiry.' -ImplementationPlan 'Swap.' `
            -TestPlan 'Probe.' -CustomerImpact 'None.' -RollbackPlan 'Swap back.' -Start $start -End $start.AddHours(1) -TimeZone 'America/New_York'
    }

    It 'renders every email of the lifecycle for each customer, the subject naming the title' {
        $previews = @(Get-ChangeRequest -ChangeId $Draft.ChangeId | Get-ChangeEmailPreview)
        $previews[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Rendering.EmailPreview'
        $previews.CustomerCode | Select-Object -Unique | Should -Be @('acme', 'globex')
        ($previews | Where-Object CustomerCode -EQ acme).Kind | Should -Be @('ApprovalRequest', 'Announcement', 'CalendarInvite', 'Completion', 'Cancellation')
        foreach ($preview in $previews) {
            $preview.Error | Should -BeNullOrEmpty
            $preview.Subject | Should -BeLike "*$Title*"
        }
    }

    It 'escapes user text in the HTML and keeps it in the text' {
        foreach ($preview in Get-ChangeEmailPreview -ChangeId $Draft.ChangeId -Customer globex) {
            $preview.Html | Should -Not -BeLike '*<script>*'
            $preview.Html | Should -BeLike '*&lt;script&gt;*'
            $preview.Text | Should -BeLike '*<script>alert(1)</script>*'
        }
    }

    It 'changes nothing: the change stays a draft at its version and nobody is queued, sent or recorded' {
        Get-ChangeEmailPreview -ChangeId $Draft.ChangeId | Out-Null
        $after = Get-ChangeRequest -ChangeId $Draft.ChangeId
        $after.Status | Should -Be 'Draft'
        $after.Version | Should -Be $Draft.Version
        Invoke-SqsChangeMessage -All | Should -BeNullOrEmpty
        Get-ChangeDelivery -ChangeId $Draft.ChangeId | Should -BeNullOrEmpty
        Get-Eml acme | Should -BeNullOrEmpty
    }
}

Describe 'Get-ChangeDeadLetter and Invoke-ChangeRedrive' {
    BeforeAll {
        Initialize-Store $OneApproverEach
        # A trigger whose change is not in the archive: processing keeps it as a dead letter with the reason.
        $script:Missing = 'CHG-20260101-NOPE00'
        $body = New-S3EventBody -Customer acme -ChangeId $Missing
        $db = Join-Path $env:CHANGEMGMT_DATA_DIR 'changemgmt.db'
        Invoke-SqsChangeMessage -Customer acme | Out-Null   # creates the database
        $insert = "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1]); t=int(time.time()*1000); c.execute(""INSERT INTO queue_messages (message_id, customer_code, body, sent_at, receive_count, visible_at) VALUES ('m-missing','acme',?,?,0,?)"", (sys.argv[2],t,t)); c.commit()"
        & python3 -c $insert $db $body
        $LASTEXITCODE | Should -Be 0
        Invoke-SqsChangeMessage -Customer acme -ErrorAction SilentlyContinue | Out-Null
    }

    It 'lists the dead letter with its change, location and reason' {
        $letters = @(Get-ChangeDeadLetter)
        $letters.Count | Should -Be 1
        $letters[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Delivery.DeadLetterEntry'
        $letters[0].CustomerCode | Should -Be 'acme'
        $letters[0].ChangeId | Should -Be $Missing
        $letters[0].Location | Should -Be 'dead-letters'
        $letters[0].Reason | Should -BeLike "*archive/$Missing.json does not exist*"
        @(Get-ChangeDeadLetter -Customer globex).Count | Should -Be 0
        @(Get-ChangeDeadLetter -ChangeId 'CHG-20260101-OTHER0').Count | Should -Be 0
    }

    It 'changes nothing with -WhatIf' {
        Invoke-ChangeRedrive -Customer acme -WhatIf | Should -BeNullOrEmpty
        @(Get-ChangeDeadLetter -Customer acme).Count | Should -Be 1
    }

    It 'sends the dead letter back to the queue, where the worker takes it again' {
        $result = Invoke-ChangeRedrive -Customer acme -Confirm:$false
        $result.GetType().FullName | Should -Be 'ChangeMgmt.Core.Delivery.RedriveResult'
        $result.Redriven | Should -Be 1
        $result.ChangeIds | Should -Be @($Missing)
        @(Get-ChangeDeadLetter -Customer acme).Count | Should -Be 0
        # Still missing from the archive: processed again, and dead-lettered again.
        Invoke-SqsChangeMessage -Customer acme -ErrorAction SilentlyContinue | Out-Null
        @(Get-ChangeDeadLetter -Customer acme).Count | Should -Be 1
    }

    It 'requires -Customer or -All' {
        { Invoke-ChangeRedrive -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerRequired,*'
    }

    It 'lists the dead letters of SES events (no customer) when no customer or change is named' {
        # As POST /events keeps a record from the SES events queue that no parser reads.
        $db = Join-Path $env:CHANGEMGMT_DATA_DIR 'changemgmt.db'
        $insert = "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1]); c.execute(""INSERT INTO dead_letters (customer_code, message_id, body, reason, at) VALUES ('_ses-events','m-ses','{}','not an SES event',?)"", (int(time.time()*1000),)); c.commit()"
        & python3 -c $insert $db
        $LASTEXITCODE | Should -Be 0

        $ses = @(Get-ChangeDeadLetter | Where-Object CustomerCode -EQ '_ses-events')
        $ses.Count | Should -Be 1
        ($ses[0].MessageId, $ses[0].Reason, $ses[0].Location) | Should -Be @('m-ses', 'not an SES event', 'dead-letters')
        Get-ChangeDeadLetter -Customer acme | Where-Object CustomerCode -EQ '_ses-events' | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-SqsChangeMessage -WhatIf holds no message' {
    BeforeAll {
        Initialize-Store $OneApproverEach
        $script:Id = (New-SubmittedChange -Customer acme).ChangeId
    }

    It 'previews ten times without using a receive, and the real run then delivers' {
        foreach ($preview in 1..10) {
            $dry = @(Invoke-SqsChangeMessage -Customer acme -WhatIf)
            $dry.Count | Should -Be 1 -Because "preview $preview still finds the message"
            $dry[0].DryRun | Should -BeTrue
            $dry[0].Deliveries[0].Notifications[0].Recipients | Should -Be @('lead@acme.example')
        }
        Get-ChangeDeadLetter -Customer acme | Should -BeNullOrEmpty -Because 'previews never dead-letter a message'
        Get-Eml acme | Should -BeNullOrEmpty

        $real = @(Invoke-SqsChangeMessage -Customer acme)

        $real.Count | Should -Be 1
        $real[0].Outcome | Should -Be 'Completed'
        $real[0].Deliveries[0].Notifications[0].Sent | Should -Be 1
        (Get-Eml acme).Count | Should -Be 1
    }
}

Describe 'Send-ChangeNotification -WhatIf lists who would receive what, and who is skipped and why' {
    BeforeAll {
        Initialize-Store @{
            acme = @{
                'lead@acme.example' = 'aws-approval'
                'ops@acme.example' = 'aws-approval'
                'sec@acme.example' = 'aws-approval'
                'bounced@acme.example' = 'aws-approval'
            }
            initech = @{ 'qa-team@initech.example' = 'aws-approval'; 'dev@initech.example' = 'aws-approval' }
        }
        Add-SesContact -Customer acme -EmailAddress 'quiet@acme.example' -OptOutTopic aws-approval | Out-Null
        Add-SesSuppression -Customer acme -EmailAddress 'bounced@acme.example' -Reason Bounce | Out-Null
        $script:Id = (New-SubmittedChange -Customer acme, initech).ChangeId
        Send-ChangeNotification -ChangeId $Id -Customer acme | Out-Null
        Add-SesContact -Customer acme -EmailAddress 'new@acme.example' -Topic aws-approval | Out-Null
    }

    It 'counts what was already sent, as the real run would, and changes nothing' {
        $ledger = @(Get-ChangeDelivery -ChangeId $Id).Count
        $emails = (Get-Eml acme).Count

        $dry = Send-ChangeNotification -ChangeId $Id -Customer acme -WhatIf -InformationVariable iv

        $dry.DryRun | Should -BeTrue
        $notification = $dry.Notifications[0]
        $notification.Sent | Should -Be 0
        $notification.AlreadySent | Should -Be 3
        $dry.Summary() | Should -Match '1 would be sent, 3 already sent'
        @(Get-ChangeDelivery -ChangeId $Id).Count | Should -Be $ledger
        (Get-Eml acme).Count | Should -Be $emails
        $lines = @($iv | Where-Object { $_.Tags -contains 'ChangeMgmt.Preview' } | ForEach-Object { "$($_.MessageData.Message)" })
        $lines | Should -Contain 'acme ApprovalRequest → aws-approval: new@acme.example would receive it'
        $lines | Should -Contain 'acme ApprovalRequest → aws-approval: lead@acme.example skipped: already sent'
    }

    It 'names each recipient with its decision and reason' {
        $preview = (Send-ChangeNotification -ChangeId $Id -Customer acme -WhatIf).Notifications[0].Preview
        $byAddress = @{}
        $preview | ForEach-Object { $byAddress[$_.EmailAddress] = $_ }

        $byAddress['new@acme.example'].Decision | Should -Be 'WouldSend'
        foreach ($sent in 'lead@acme.example', 'ops@acme.example', 'sec@acme.example') {
            $byAddress[$sent].Decision | Should -Be 'AlreadySent'
        }
        $byAddress['quiet@acme.example'].Decision | Should -Be 'Unsubscribed'
        $byAddress['quiet@acme.example'].Reason | Should -Match 'aws-approval'
        $byAddress['bounced@acme.example'].Decision | Should -Be 'Suppressed'
        $byAddress['bounced@acme.example'].Reason | Should -Match 'suppression list'
        $preview.Count | Should -Be 6
    }

    It 'names the contacts that restricted_recipients leaves out' {
        $preview = (Send-ChangeNotification -ChangeId $Id -Customer initech -WhatIf).Notifications[0].Preview
        ($preview | Where-Object EmailAddress -EQ 'qa-team@initech.example').Decision | Should -Be 'WouldSend'
        ($preview | Where-Object EmailAddress -EQ 'dev@initech.example').Decision | Should -Be 'Restricted'
        ($preview | Where-Object EmailAddress -EQ 'dev@initech.example').Reason | Should -Match 'restricted_recipients'
        Get-Eml initech | Should -BeNullOrEmpty
    }
}
