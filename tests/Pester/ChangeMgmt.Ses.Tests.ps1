#Requires -Modules Pester
# SES list management cmdlets against local mode: the real module over a real SQLite file, no mocks.
# Every test starts from an empty data directory and an empty backup directory.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    $script:ExampleConfig = Join-Path $Root 'examples/config.json'
    $script:Cfg = @{ ConfigPath = $ExampleConfig }
    $script:ConfiguredTopics = 'aws-calendar', 'aws-announce', 'aws-approval', 'general-updates', 'finops-announce'
    $script:SavedEnvironment = @{
        CHANGEMGMT_DATA_DIR   = $env:CHANGEMGMT_DATA_DIR
        CHANGEMGMT_BACKUP_DIR = $env:CHANGEMGMT_BACKUP_DIR
    }
    $script:TempDirectories = [Collections.Generic.List[string]]::new()

    Import-Module $ModulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

    function New-TempDirectory {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-ses-' + [Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $script:TempDirectories.Add($dir)
        $dir
    }

    # A fresh local "SES account" per customer and a fresh backup directory.
    function Use-FreshState {
        $env:CHANGEMGMT_DATA_DIR = New-TempDirectory
        $env:CHANGEMGMT_BACKUP_DIR = New-TempDirectory
    }

    function Get-BackupFile([string] $Filter = '*.json') {
        @(Get-ChildItem -LiteralPath $env:CHANGEMGMT_BACKUP_DIR -Filter $Filter -File -ErrorAction SilentlyContinue)
    }

    # A contact as one comparable string: address, unsubscribe-all flag, sorted topic preferences.
    function Format-Contact($Contact) {
        # OptIn (the record) and OPT_IN (a backup file) read alike: OPTIN.
        $preferences = @($Contact.TopicPreferences | ForEach-Object {
                '{0}={1}' -f $_.TopicName, ("$($_.SubscriptionStatus)" -replace '_').ToUpperInvariant()
            } | Sort-Object) -join ','
        '{0}|{1}|{2}' -f $Contact.EmailAddress.ToLowerInvariant(), $Contact.UnsubscribeAll, $preferences
    }

    function Get-ContactState([string] $Customer) {
        @(Get-SesContact -Customer $Customer @Cfg | ForEach-Object { Format-Contact $_ } | Sort-Object)
    }

    # The one error record of an ErrorVariable, checked for id, category and target.
    function Assert-OneError($Errors, [string] $Id, [string] $Category, $Target) {
        $Errors.Count | Should -Be 1 -Because ($Errors | Out-String)
        $Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $Errors[0].CategoryInfo.Category | Should -Be $Category
        if ($PSBoundParameters.ContainsKey('Target')) { $Errors[0].TargetObject | Should -Be $Target }
    }

    function Get-TerminatingError([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    # The information records an automatic backup wrote (tagged ChangeMgmt.Backup).
    function Select-BackupMessage($InformationRecords) {
        @($InformationRecords | Where-Object { $_.Tags -contains 'ChangeMgmt.Backup' } | ForEach-Object { "$($_.MessageData.Message)" })
    }

    # examples/ copied to a temp directory, with SESConfig.json edited by $Edit (a hashtable).
    function New-EditedConfig([scriptblock] $Edit) {
        $dir = New-TempDirectory
        Copy-Item $ExampleConfig (Join-Path $dir 'config.json')
        $ses = Get-Content (Join-Path $Root 'examples/SESConfig.json') -Raw | ConvertFrom-Json -AsHashtable
        & $Edit $ses
        $ses | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $dir 'SESConfig.json')
        Join-Path $dir 'config.json'
    }
}

AfterAll {
    Restore-Environment $SavedEnvironment
    foreach ($dir in $TempDirectories) { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
}

Describe 'Customer selection' {
    BeforeEach { Use-FreshState }

    It 'terminates with CustomerRequired when neither -Customer nor -All is given' {
        $err = Get-TerminatingError { Get-SesContact @Cfg }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'CustomerRequired,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'says that a file path given where a customer code goes belongs to -Path' {
        New-SesContactList -Customer acme @Cfg | Out-Null
        Backup-SesContactList ./acme-backup.json @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'CustomerNotFound' 'ObjectNotFound' './acme-backup.json'
        $ev[0].Exception.Message | Should -Match "'./acme-backup.json' looks like a file path: give it as -Path"
    }

    It 'reports an unknown customer as CustomerNotFound and goes on with the others' {
        New-SesContactList -Customer acme @Cfg | Out-Null
        $lists = Get-SesContactList -Customer nosuch, acme @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        $lists.CustomerCode | Should -Be 'acme'
        Assert-OneError $ev 'CustomerNotFound' 'ObjectNotFound' 'nosuch'
    }
}

Describe 'New-SesContactList / Get-SesContactList / Remove-SesContactList' {
    BeforeEach { Use-FreshState }

    It 'creates the customer''s list with the configured topics' {
        $list = New-SesContactList -Customer acme @Cfg
        $list.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.CustomerContactList'
        $list.CustomerCode | Should -Be 'acme'
        $list.ContactListName | Should -Be 'changemgmt'
        $list.Description | Should -Match 'Acme Corp'
        $list.Topics.TopicName | Should -Be $ConfiguredTopics
        ($list.Topics | Where-Object TopicName -EQ 'aws-announce').DefaultSubscriptionStatus | Should -Be 'OptIn'
        $list.CreatedTimestamp | Should -Not -BeNullOrEmpty

        $read = Get-SesContactList -Customer acme @Cfg
        $read.ContactListName | Should -Be 'changemgmt'
        $read.Topics.TopicName | Should -Be $ConfiguredTopics
    }

    It 'takes -ContactListName and -Description' {
        $list = New-SesContactList -Customer globex -ContactListName custom -Description 'Ops list' @Cfg
        $list.ContactListName | Should -Be 'custom'
        (Get-SesContactList -Customer globex -ContactListName cust* @Cfg).Description | Should -Be 'Ops list'
    }

    It 'creates nothing under -WhatIf' {
        New-SesContactList -Customer acme -WhatIf @Cfg | Should -BeNullOrEmpty
        Get-SesContactList -Customer acme @Cfg -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-SesTopic -Customer acme @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'acme'
    }

    It 'reports a second list of the same name as ContactListAlreadyExists' {
        New-SesContactList -Customer acme @Cfg | Out-Null
        New-SesContactList -Customer acme @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'ContactListAlreadyExists' 'ResourceExists' 'acme'
    }

    It 'reports a customer without the named list as ContactListNotFound' {
        Get-SesContactList -Customer initech -ContactListName changemgmt @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'initech'
    }

    It '-All gives the three lists and exactly one ContactListNotFound error for initech' {
        New-SesContactList -Customer acme, globex, umbrella @Cfg | Out-Null
        $lists = Get-SesContactList -All @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        $lists.CustomerCode | Sort-Object | Should -Be 'acme', 'globex', 'umbrella'
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'initech' # as Get-SesTopic, Get-SesContact, Add-SesContact do
    }

    It 'removes a list after backing it up, and says where the backup is' {
        New-SesContactList -Customer acme @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar @Cfg | Out-Null

        Remove-SesContactList -Customer acme -Confirm:$false @Cfg -InformationVariable iv | Should -BeNullOrEmpty

        Get-SesContactList -Customer acme @Cfg -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $files = Get-BackupFile
        $files.Count | Should -Be 1
        $backup = Get-Content $files[0].FullName -Raw | ConvertFrom-Json
        $backup.customerCode | Should -Be 'acme'
        $backup.contacts.emailAddress | Should -Be 'jane@acme.example'
        $messages = @(Select-BackupMessage $iv)
        $messages.Count | Should -Be 1
        $messages[0] | Should -BeLike "*$($files[0].FullName)*"
    }

    It 'removes nothing and backs up nothing under -WhatIf' {
        New-SesContactList -Customer acme @Cfg | Out-Null
        Remove-SesContactList -Customer acme -WhatIf @Cfg
        (Get-SesContactList -Customer acme @Cfg).ContactListName | Should -Be 'changemgmt'
        Get-BackupFile | Should -BeNullOrEmpty
    }
}

Describe 'Get-SesTopic' {
    BeforeEach { Use-FreshState }

    It 'without a customer gives the configured topics, expanded' {
        $topics = Get-SesTopic @Cfg
        $topics[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.TopicView'
        $topics.TopicName | Should -Be $ConfiguredTopics
        $topics | ForEach-Object { $_.Configured | Should -BeTrue; $_.Live | Should -BeFalse; $_.CustomerCode | Should -BeNullOrEmpty }
        ($topics | Where-Object TopicName -EQ 'aws-calendar').OptInRoles | Should -Be 'cloudeng', 'devops', 'security', 'networking'
    }

    It 'with a customer gives the live topics of its list, filtered by -TopicName' {
        New-SesContactList -Customer acme @Cfg | Out-Null
        $topics = Get-SesTopic -Customer acme -TopicName 'aws-*' @Cfg
        $topics.TopicName | Should -Be 'aws-calendar', 'aws-announce', 'aws-approval'
        $topics | ForEach-Object {
            $_.CustomerCode | Should -Be 'acme'
            $_.ContactListName | Should -Be 'changemgmt'
            $_.Live | Should -BeTrue
            $_.Configured | Should -BeTrue
        }
    }

    It 'reports a customer without a list as ContactListNotFound' {
        Get-SesTopic -Customer initech @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'initech'
    }
}

Describe 'Sync-SesTopic' {
    BeforeEach {
        Use-FreshState
        $script:Created = (New-SesContactList -Customer acme @Cfg).CreatedTimestamp
        Add-SesContact -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar, finops-announce -OptOutTopic general-updates @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress joe@acme.example -OptOutTopic aws-announce @Cfg | Out-Null
        # Configuration moves on: one topic added, one default changed, one topic removed.
        $script:Edited = @{
            ConfigPath = New-EditedConfig {
                param($ses)
                $ses.topics = @(
                    @{ TopicName = 'general-updates'; DisplayName = 'General Updates'; Description = 'Occasional updates from the cloud team'; DefaultSubscriptionStatus = 'OPT_OUT' }
                    @{ TopicName = 'security-alerts'; DisplayName = 'Security Alerts'; Description = 'Security advisories'; DefaultSubscriptionStatus = 'OPT_IN' }
                )
            }
        }
    }

    It 'under -WhatIf lists every difference and changes nothing' {
        $before = Get-SesContactList -Customer acme @Cfg
        $contactsBefore = Get-ContactState acme

        $changes = Sync-SesTopic -Customer acme -WhatIf @Edited

        $changes[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.TopicChange'
        ($changes | ForEach-Object { "$($_.Change) $($_.TopicName)" } | Sort-Object) |
            Should -Be 'Add security-alerts', 'Remove finops-announce', 'Update general-updates'
        ($changes | Where-Object TopicName -EQ 'general-updates').Description | Should -Match 'OPT_IN → OPT_OUT'
        $after = Get-SesContactList -Customer acme @Cfg
        $after.Topics.TopicName | Should -Be $before.Topics.TopicName
        ($after.Topics | Where-Object TopicName -EQ 'general-updates').DefaultSubscriptionStatus | Should -Be 'OptIn'
        Get-ContactState acme | Should -Be $contactsBefore
        Get-BackupFile | Should -BeNullOrEmpty
    }

    It 'updates the list in place, keeps contacts and their other preferences, and backs up first' {
        $changes = Sync-SesTopic -Customer acme -Confirm:$false @Edited -InformationVariable iv
        $changes.Count | Should -Be 3

        $list = Get-SesContactList -Customer acme @Cfg
        $list.CreatedTimestamp | Should -Be $Created
        $list.Topics.TopicName | Sort-Object | Should -Be ('aws-announce', 'aws-approval', 'aws-calendar', 'general-updates', 'security-alerts')
        ($list.Topics | Where-Object TopicName -EQ 'general-updates').DefaultSubscriptionStatus | Should -Be 'OptOut'
        # Every contact stays, with its preferences for the topics that remain.
        (Get-ContactState acme) -replace 'finops-announce=OPTIN,' | Should -Be @(
            'jane@acme.example|False|aws-calendar=OPTIN,general-updates=OPTOUT'
            'joe@acme.example|False|aws-announce=OPTOUT'
        )

        $files = Get-BackupFile
        $files.Count | Should -Be 1
        (Get-Content $files[0].FullName -Raw | ConvertFrom-Json).contactList.topics.topicName | Should -Contain 'finops-announce'
        Select-BackupMessage $iv | Should -BeLike "*$($files[0].FullName)*"

        Sync-SesTopic -Customer acme -Confirm:$false @Edited | Should -BeNullOrEmpty
    }

    It 'drops the contacts'' preferences for a removed topic, as its -WhatIf text says' {
        Sync-SesTopic -Customer acme -Confirm:$false @Edited | Out-Null
        Get-ContactState acme | Should -Be @(
            'jane@acme.example|False|aws-calendar=OPTIN,general-updates=OPTOUT'
            'joe@acme.example|False|aws-announce=OPTOUT'
        ) -Because 'Sync-SesTopic says "remove topic finops-announce; contacts'' preferences for it are dropped"'
    }

    It 'takes no backup when it only adds topics' {
        $addOnly = @{ ConfigPath = New-EditedConfig { param($ses) $ses.topics += @{ TopicName = 'extra'; DisplayName = 'Extra'; Description = 'More'; DefaultSubscriptionStatus = 'OPT_OUT' } } }
        $changes = Sync-SesTopic -Customer acme -Confirm:$false @addOnly
        "$($changes.Change) $($changes.TopicName)" | Should -Be 'Add extra'
        (Get-SesContactList -Customer acme @Cfg).Topics.TopicName | Should -Contain 'extra'
        Get-BackupFile | Should -BeNullOrEmpty
    }
}

Describe 'Contacts' {
    BeforeEach {
        Use-FreshState
        New-SesContactList -Customer acme, globex @Cfg | Out-Null
    }

    It 'Add-SesContact adds a contact subscribed to its topics, other topics at their defaults' {
        $contact = Add-SesContact -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar -OptOutTopic general-updates @Cfg
        $contact.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.CustomerContact'
        $contact.CustomerCode | Should -Be 'acme'
        $contact.ContactListName | Should -Be 'changemgmt'
        $contact.EmailAddress | Should -Be 'jane@acme.example'
        $contact.UnsubscribeAll | Should -BeFalse
        $contact.SubscribedTopics | Sort-Object | Should -Be 'aws-announce', 'aws-calendar'
        Format-Contact $contact | Should -Be 'jane@acme.example|False|aws-calendar=OPTIN,general-updates=OPTOUT'
        Get-ContactState acme | Should -Be 'jane@acme.example|False|aws-calendar=OPTIN,general-updates=OPTOUT'
    }

    It 'Add-SesContact -UnsubscribeAll adds a contact that receives nothing' {
        $contact = Add-SesContact -Customer acme -EmailAddress quiet@acme.example -UnsubscribeAll @Cfg
        $contact.UnsubscribeAll | Should -BeTrue
        $contact.SubscribedTopics | Should -BeNullOrEmpty
    }

    It 'Add-SesContact adds nothing under -WhatIf' {
        Add-SesContact -Customer acme -EmailAddress jane@acme.example -WhatIf @Cfg | Should -BeNullOrEmpty
        Get-ContactState acme | Should -BeNullOrEmpty
    }

    # One address of two fails: the other is still done, the failure is its own error record.
    It '<Command> does <Done> and reports <Failing> as <Id>' -ForEach @(
        @{ Command = 'Add-SesContact'; Done = 'joe@acme.example'; Failing = 'jane@acme.example'; Id = 'ContactAlreadyExists'; Category = 'ResourceExists' }
        @{ Command = 'Get-SesContact'; Done = 'jane@acme.example'; Failing = 'nobody@acme.example'; Id = 'ContactNotFound'; Category = 'ObjectNotFound' }
    ) {
        Add-SesContact -Customer acme -EmailAddress jane@acme.example @Cfg | Out-Null
        $output = & $Command -Customer acme -EmailAddress $Done, $Failing @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        $output.EmailAddress | Should -Be $Done
        Assert-OneError $ev $Id $Category "acme: $Failing"
    }

    It 'Add-SesContact reports an unknown topic as UnknownTopic and adds nothing' {
        Add-SesContact -Customer acme -EmailAddress jane@acme.example -Topic no-such-topic @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'UnknownTopic' 'InvalidArgument' 'no-such-topic'
        $ev[0].Exception.Message | Should -Match 'no-such-topic'
        Get-ContactState acme | Should -BeNullOrEmpty
    }

    It 'Add-SesContact -All adds to every list and reports only initech (no list)' {
        New-SesContactList -Customer umbrella @Cfg | Out-Null
        $added = Add-SesContact -All -EmailAddress x@y.example @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        $added.CustomerCode | Sort-Object | Should -Be 'acme', 'globex', 'umbrella'
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'initech'
        (Get-SesContact -Customer umbrella -EmailAddress x@y.example @Cfg).EmailAddress | Should -Be 'x@y.example'
    }

    It 'Get-SesContact reports a customer without a list as ContactListNotFound' {
        Get-SesContact -Customer initech @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'initech'
    }

    It 'Get-SesContact -Topic/-Status filters by the effective status (preference, else the topic default)' {
        Add-SesContact -Customer acme -EmailAddress in@acme.example -Topic aws-approval @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress out@acme.example -OptOutTopic aws-approval @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress plain@acme.example @Cfg | Out-Null
        (Get-SesContact -Customer acme -Topic aws-approval @Cfg).EmailAddress | Should -Be 'in@acme.example'
        (Get-SesContact -Customer acme -Topic aws-approval -Status OPT_OUT @Cfg).EmailAddress | Should -Be 'out@acme.example', 'plain@acme.example'
        (Get-SesContact -Customer acme -Topic aws-announce -Status OptIn @Cfg).EmailAddress | Should -Be 'in@acme.example', 'out@acme.example', 'plain@acme.example'
    }

    It 'Get-SesContact -Topic of a topic SESConfig.json lacks is UnknownTopic' {
        Get-SesContact -Customer acme -Topic no-such-topic @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'UnknownTopic' 'InvalidArgument' 'no-such-topic'
    }

    It 'takes customers from Get-ChangeMgmtCustomer on the pipeline' {
        Add-SesContact -Customer acme -EmailAddress a@acme.example -Topic aws-announce @Cfg | Out-Null
        Add-SesContact -Customer globex -EmailAddress g@globex.example -Topic aws-announce @Cfg | Out-Null
        Add-SesContact -Customer globex -EmailAddress quiet@globex.example -OptOutTopic aws-announce @Cfg | Out-Null
        $contacts = Get-ChangeMgmtCustomer -Customer acme, globex @Cfg | Get-SesContact -Topic aws-announce @Cfg
        ($contacts | ForEach-Object { "$($_.CustomerCode)/$($_.EmailAddress)" } | Sort-Object) |
            Should -Be 'acme/a@acme.example', 'globex/g@globex.example'
    }

    It 'Remove-SesContact from the pipeline removes them all after one backup of the list' {
        Add-SesContact -Customer acme -EmailAddress a@acme.example, b@acme.example, c@acme.example @Cfg | Out-Null
        Add-SesContact -Customer globex -EmailAddress g@globex.example @Cfg | Out-Null

        Get-SesContact -Customer acme @Cfg | Remove-SesContact -Confirm:$false @Cfg -InformationVariable iv

        Get-ContactState acme | Should -BeNullOrEmpty
        Get-ContactState globex | Should -Be 'g@globex.example|False|'
        $files = Get-BackupFile
        $files.Count | Should -Be 1
        (Get-Content $files[0].FullName -Raw | ConvertFrom-Json).contacts.Count | Should -Be 3
        $messages = @(Select-BackupMessage $iv)
        $messages.Count | Should -Be 1
        $messages[0] | Should -BeLike "*$($files[0].FullName)*"
    }

    It 'Remove-SesContact backs up once per customer for several addresses and customers' {
        Add-SesContact -Customer acme, globex -EmailAddress a@x.example, b@x.example @Cfg | Out-Null
        Remove-SesContact -Customer acme, globex -EmailAddress a@x.example, b@x.example -Confirm:$false @Cfg -InformationVariable iv
        Get-ContactState acme | Should -BeNullOrEmpty
        Get-ContactState globex | Should -BeNullOrEmpty
        (Get-BackupFile 'acme-*').Count | Should -Be 1
        (Get-BackupFile 'globex-*').Count | Should -Be 1
        (Select-BackupMessage $iv).Count | Should -Be 2
    }

    It 'Remove-SesContact removes nothing and backs up nothing under -WhatIf' {
        Add-SesContact -Customer acme -EmailAddress a@acme.example @Cfg | Out-Null
        $before = Get-ContactState acme
        Get-SesContact -Customer acme @Cfg | Remove-SesContact -WhatIf @Cfg
        Get-ContactState acme | Should -Be $before
        Get-BackupFile | Should -BeNullOrEmpty
    }

    It 'Remove-SesContact reports a missing contact as ContactNotFound' {
        Remove-SesContact -Customer acme -EmailAddress nobody@acme.example -Confirm:$false @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        Assert-OneError $ev 'ContactNotFound' 'ObjectNotFound' 'acme: nobody@acme.example'
    }
}

Describe 'Set-SesContactSubscription' {
    BeforeEach {
        Use-FreshState
        New-SesContactList -Customer acme, globex @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar @Cfg | Out-Null
        Add-SesContact -Customer globex -EmailAddress joe@globex.example @Cfg | Out-Null
    }

    It 'sets the preference for the given topics and keeps the others, after a backup' {
        $contact = Set-SesContactSubscription -Customer acme -EmailAddress jane@acme.example -Topic aws-announce, general-updates -Status OptOut @Cfg -InformationVariable iv
        $contact.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.CustomerContact'
        $contact.SubscribedTopics | Should -Be 'aws-calendar'
        Get-ContactState acme | Should -Be 'jane@acme.example|False|aws-announce=OPTOUT,aws-calendar=OPTIN,general-updates=OPTOUT'

        $files = Get-BackupFile
        $files.Count | Should -Be 1
        (Get-Content $files[0].FullName -Raw | ConvertFrom-Json).contacts[0].topicPreferences.topicName | Should -Be 'aws-calendar'
        Select-BackupMessage $iv | Should -BeLike "*$($files[0].FullName)*"
    }

    It 'sets and clears UnsubscribeAll' {
        Set-SesContactSubscription -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar -Status OptIn -UnsubscribeAll $true @Cfg | Out-Null
        (Get-SesContact -Customer acme -EmailAddress jane@acme.example @Cfg).UnsubscribeAll | Should -BeTrue
        (Get-SesContact -Customer acme -EmailAddress jane@acme.example @Cfg).SubscribedTopics | Should -BeNullOrEmpty
        Set-SesContactSubscription -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar -Status OptIn -UnsubscribeAll $false @Cfg | Out-Null
        (Get-SesContact -Customer acme -EmailAddress jane@acme.example @Cfg).UnsubscribeAll | Should -BeFalse
    }

    It 'changes nothing and backs up nothing under -WhatIf' {
        $before = Get-ContactState acme
        Set-SesContactSubscription -Customer acme -EmailAddress jane@acme.example -Topic aws-calendar -Status OptOut -WhatIf @Cfg | Should -BeNullOrEmpty
        Get-ContactState acme | Should -Be $before
        Get-BackupFile | Should -BeNullOrEmpty
    }

    It 'reports a contact not in the list as ContactNotFound, and creates it with -AddMissing' {
        Set-SesContactSubscription -Customer acme -EmailAddress new@acme.example -Topic aws-approval -Status OptIn @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'ContactNotFound' 'ObjectNotFound' 'acme: new@acme.example'

        $created = Set-SesContactSubscription -Customer acme -EmailAddress new@acme.example -Topic aws-approval -Status OptIn -AddMissing @Cfg
        Format-Contact $created | Should -Be 'new@acme.example|False|aws-approval=OPTIN'
    }

    It 'reports an unknown topic as UnknownTopic' {
        Set-SesContactSubscription -Customer acme -EmailAddress jane@acme.example -Topic no-such-topic -Status OptIn @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'UnknownTopic' 'InvalidArgument' 'no-such-topic'
    }

    It 'takes rows from Import-Csv (Customer, EmailAddress, Topic, Status as OPT_IN/OPT_OUT)' {
        $csv = Join-Path (New-TempDirectory) 'subscriptions.csv'
        @(
            [pscustomobject]@{ Customer = 'acme'; EmailAddress = 'jane@acme.example'; Topic = 'aws-calendar'; Status = 'OPT_OUT' }
            [pscustomobject]@{ Customer = 'acme'; EmailAddress = 'jane@acme.example'; Topic = 'aws-approval'; Status = 'OPT_IN' }
            [pscustomobject]@{ Customer = 'globex'; EmailAddress = 'joe@globex.example'; Topic = 'finops-announce'; Status = 'OPT_IN' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation

        $out = Import-Csv -LiteralPath $csv | Set-SesContactSubscription @Cfg -InformationVariable iv

        $out.Count | Should -Be 3
        Get-ContactState acme | Should -Be 'jane@acme.example|False|aws-approval=OPTIN,aws-calendar=OPTOUT'
        Get-ContactState globex | Should -Be 'joe@globex.example|False|finops-announce=OPTIN'
        (Get-BackupFile 'acme-*').Count | Should -Be 1
        (Get-BackupFile 'globex-*').Count | Should -Be 1
        (Select-BackupMessage $iv).Count | Should -Be 2
    }
}

Describe 'Suppression list' {
    BeforeEach { Use-FreshState }

    It 'Add-SesSuppression suppresses an address; Get-SesSuppression lists it by reason' {
        $entry = Add-SesSuppression -Customer acme -EmailAddress bounced@acme.example -Reason Bounce @Cfg
        $entry.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.CustomerSuppression'
        $entry.CustomerCode | Should -Be 'acme'
        $entry.EmailAddress | Should -Be 'bounced@acme.example'
        $entry.Reason | Should -Be 'Bounce'

        (Get-SesSuppression -Customer acme @Cfg).EmailAddress | Should -Be 'bounced@acme.example'
        Get-SesSuppression -Customer acme -Reason Complaint @Cfg | Should -BeNullOrEmpty
        (Get-SesSuppression -Customer acme -EmailAddress bounced@acme.example @Cfg).Reason | Should -Be 'Bounce'
        Get-SesSuppression -Customer globex @Cfg | Should -BeNullOrEmpty
    }

    It 'Add-SesSuppression suppresses nothing under -WhatIf' {
        Add-SesSuppression -Customer acme -EmailAddress bounced@acme.example -Reason Bounce -WhatIf @Cfg | Should -BeNullOrEmpty
        Get-SesSuppression -Customer acme @Cfg | Should -BeNullOrEmpty
    }

    It 'Get-SesSuppression reports an address not on the list as SuppressionNotFound' {
        Get-SesSuppression -Customer acme -EmailAddress fine@acme.example @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'SuppressionNotFound' 'ObjectNotFound' 'acme: fine@acme.example'
    }

    It 'Remove-SesSuppression saves the entry to a backup file first and says where' {
        Add-SesSuppression -Customer acme -EmailAddress bounced@acme.example -Reason Complaint @Cfg | Out-Null
        Remove-SesSuppression -Customer acme -EmailAddress bounced@acme.example -Confirm:$false @Cfg -InformationVariable iv

        Get-SesSuppression -Customer acme @Cfg | Should -BeNullOrEmpty
        $files = Get-BackupFile 'acme-suppression-*'
        $files.Count | Should -Be 1
        $saved = Get-Content $files[0].FullName -Raw | ConvertFrom-Json
        $saved.emailAddress | Should -Be 'bounced@acme.example'
        $saved.reason | Should -Be 'COMPLAINT'
        Select-BackupMessage $iv | Should -BeLike "*$($files[0].FullName)*"
    }

    It 'Remove-SesSuppression removes nothing and writes nothing under -WhatIf' {
        Add-SesSuppression -Customer acme -EmailAddress bounced@acme.example -Reason Bounce @Cfg | Out-Null
        Remove-SesSuppression -Customer acme -EmailAddress bounced@acme.example -WhatIf @Cfg
        (Get-SesSuppression -Customer acme @Cfg).EmailAddress | Should -Be 'bounced@acme.example'
        Get-BackupFile | Should -BeNullOrEmpty
    }

    It 'Remove-SesSuppression reports an address not on the list as SuppressionNotFound' {
        Remove-SesSuppression -Customer acme -EmailAddress fine@acme.example -Confirm:$false @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        Assert-OneError $ev 'SuppressionNotFound' 'ObjectNotFound' 'acme: fine@acme.example'
        Get-BackupFile | Should -BeNullOrEmpty
    }
}

Describe 'Backup-SesContactList / Restore-SesContactList' {
    BeforeEach {
        Use-FreshState
        New-SesContactList -Customer acme, globex @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress keep@acme.example -Topic aws-calendar -OptOutTopic general-updates @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress change@acme.example -Topic aws-approval @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress gone@acme.example @Cfg | Out-Null
        Add-SesContact -Customer globex -EmailAddress joe@globex.example @Cfg | Out-Null
    }

    It 'writes a backup file of the list and its contacts' {
        $backup = Backup-SesContactList -Customer acme @Cfg
        $backup.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.BackupInfo'
        $backup.CustomerCode | Should -Be 'acme'
        $backup.ContactListName | Should -Be 'changemgmt'
        $backup.Contacts | Should -Be 3
        $backup.Topics | Should -Be 5
        Split-Path $backup.Path -Parent | Should -Be (Get-Item $env:CHANGEMGMT_BACKUP_DIR).FullName
        $content = Get-Content $backup.Path -Raw | ConvertFrom-Json
        $content.format | Should -Be 'changemgmt-contact-list-backup/2'
        $content.contacts.emailAddress | Should -Be 'change@acme.example', 'gone@acme.example', 'keep@acme.example'
    }

    It '-All backs up every list there is and reports initech (no list) as ContactListNotFound' {
        New-SesContactList -Customer umbrella @Cfg | Out-Null
        $backups = Backup-SesContactList -All @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        $backups.CustomerCode | Sort-Object | Should -Be 'acme', 'globex', 'umbrella'
        $backups | ForEach-Object { Test-Path $_.Path | Should -BeTrue }
        (Get-BackupFile).Count | Should -Be 3
        Assert-OneError $ev 'ContactListNotFound' 'ObjectNotFound' 'initech'
    }

    It 'writes to -Path when given' {
        $dir = New-TempDirectory
        $backup = Backup-SesContactList -Customer acme -Path $dir @Cfg
        Split-Path $backup.Path -Parent | Should -Be (Get-Item $dir).FullName
        Test-Path $backup.Path | Should -BeTrue
        Get-BackupFile | Should -BeNullOrEmpty
    }

    It 'restores the list exactly as backed up, after backing up the current state' {
        $atBackup = Get-ContactState acme
        $backup = Backup-SesContactList -Customer acme @Cfg

        Add-SesContact -Customer acme -EmailAddress new@acme.example -Topic aws-announce @Cfg | Out-Null
        Remove-SesContact -Customer acme -EmailAddress gone@acme.example -Confirm:$false @Cfg
        Set-SesContactSubscription -Customer acme -EmailAddress change@acme.example -Topic aws-approval -Status OptOut @Cfg | Out-Null
        Set-SesContactSubscription -Customer acme -EmailAddress keep@acme.example -Topic finops-announce -Status OptIn -UnsubscribeAll $true @Cfg | Out-Null
        $beforeRestore = Get-ContactState acme
        $beforeRestore | Should -Not -Be $atBackup
        $filesBefore = (Get-BackupFile).FullName

        $result = Restore-SesContactList -Customer acme -Path $backup.Path -Confirm:$false @Cfg -InformationVariable iv

        $result.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.RestoreResult'
        Get-ContactState acme | Should -Be $atBackup
        $result.ListCreated | Should -BeFalse
        $result.Created | Should -Be 1
        $result.Updated | Should -Be 2
        $result.Removed | Should -Be 1
        $result.Unchanged | Should -Be 0
        $result.BackupPath | Should -Be $backup.Path

        $result.PreRestoreBackupPath | Should -Not -BeNullOrEmpty
        $filesBefore | Should -Not -Contain $result.PreRestoreBackupPath
        Test-Path $result.PreRestoreBackupPath | Should -BeTrue
        $preRestore = Get-Content $result.PreRestoreBackupPath -Raw | ConvertFrom-Json
        @($preRestore.contacts | ForEach-Object { Format-Contact $_ } | Sort-Object) | Should -Be $beforeRestore
        $messages = @($iv | Where-Object { $_.Tags -contains 'ChangeMgmt.Backup' })
        $messages.Count | Should -Be 1
        $messages[0].MessageData.Message | Should -BeLike "*$($result.PreRestoreBackupPath)*"
        Get-ContactState globex | Should -Be 'joe@globex.example|False|'
    }

    It 'restores what Backup-SesContactList sends down the pipeline' {
        $atBackup = Get-ContactState acme
        $result = Backup-SesContactList -Customer acme @Cfg | ForEach-Object {
            Remove-SesContact -Customer acme -EmailAddress keep@acme.example -Confirm:$false @Cfg
            $_
        } | Restore-SesContactList -Confirm:$false @Cfg
        $result.CustomerCode | Should -Be 'acme'
        $result.Created | Should -Be 1
        Get-ContactState acme | Should -Be $atBackup
    }

    It 'restores nothing and backs up nothing under -WhatIf' {
        $backup = Backup-SesContactList -Customer acme @Cfg
        Remove-SesContact -Customer acme -EmailAddress gone@acme.example -Confirm:$false @Cfg
        $before = Get-ContactState acme
        $files = (Get-BackupFile).Count

        $plan = Restore-SesContactList -Path $backup.Path -WhatIf @Cfg
        $plan.ToCreate | Should -Be 'gone@acme.example'
        $plan.ToRemove | Should -BeNullOrEmpty

        Get-ContactState acme | Should -Be $before
        (Get-BackupFile).Count | Should -Be $files
    }

    It 'refuses to restore one customer''s backup into another customer''s list' {
        $backup = Backup-SesContactList -Customer acme @Cfg
        $globexBefore = Get-ContactState globex
        $files = (Get-BackupFile).Count

        Restore-SesContactList -Customer globex -Path $backup.Path -Confirm:$false @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Assert-OneError $ev 'BackupCustomerMismatch' 'InvalidArgument' 'globex'
        Get-ContactState globex | Should -Be $globexBefore
        (Get-BackupFile).Count | Should -Be $files
    }

    It 'recreates a deleted list from its backup' {
        $atBackup = Get-ContactState acme
        $backup = Backup-SesContactList -Customer acme @Cfg
        Remove-SesContactList -Customer acme -Confirm:$false @Cfg
        Get-SesContactList -Customer acme @Cfg -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $result = Restore-SesContactList -Path $backup.Path -Confirm:$false @Cfg

        $result.ListCreated | Should -BeTrue
        $result.Created | Should -Be 3
        $result.PreRestoreBackupPath | Should -BeNullOrEmpty
        (Get-SesContactList -Customer acme @Cfg).Topics.TopicName | Should -Be $ConfiguredTopics
        Get-ContactState acme | Should -Be $atBackup
    }

    It 'reports a backup file that does not exist as not found' {
        $file = Join-Path (New-TempDirectory) 'missing.json'
        Restore-SesContactList -Path $file -Confirm:$false @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $ev.Count | Should -Be 1
        $ev[0].TargetObject | Should -Be $file
        $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound' -Because 'reading a missing file is not a write error'
    }

    It 'reports a file that is not a backup as BackupInvalidData' {
        $file = Join-Path (New-TempDirectory) 'not-a-backup.json'
        '{"format":"something-else"}' | Set-Content $file
        Restore-SesContactList -Path $file -Confirm:$false @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'BackupInvalidData' 'InvalidData' $file
    }
}

Describe 'Backup files: paths, integrity, previews' {
    BeforeEach {
        Use-FreshState
        New-SesContactList -Customer acme, globex @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress keep@acme.example @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress gone@acme.example @Cfg | Out-Null
    }

    It 'writes -Path ending in .json as that file, and restores from it' {
        $file = Join-Path (New-TempDirectory) 'acme.json'
        $backup = Backup-SesContactList -Customer acme -Path $file @Cfg
        $backup.Path | Should -Be $file
        Test-Path -LiteralPath $file -PathType Leaf | Should -BeTrue
        Remove-SesContact -Customer acme -EmailAddress keep@acme.example -Confirm:$false @Cfg
        (Restore-SesContactList $file -Confirm:$false @Cfg).Created | Should -Be 1 -Because 'the first position of Restore-SesContactList is the backup file'
        Get-ContactState acme | Should -Be 'gone@acme.example|False|', 'keep@acme.example|False|'
    }

    It 'takes the file as the second position after the customer' {
        $file = Join-Path (New-TempDirectory) 'positional.json'
        (Backup-SesContactList acme $file @Cfg).Path | Should -Be $file
    }

    It 'refuses a .json -Path for several customers, writing nothing' {
        $file = Join-Path (New-TempDirectory) 'two.json'
        $err = Get-TerminatingError { Backup-SesContactList -Customer acme, globex -Path $file @Cfg }
        $err.FullyQualifiedErrorId | Should -BeLike 'BackupPathIsOneFile,*'
        $err.Exception.Message | Should -Match ([regex]::Escape($file))
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'carries an integrity hash, and refuses a backup edited since it was written' {
        $backup = Backup-SesContactList -Customer acme @Cfg
        (Get-Content $backup.Path -Raw | ConvertFrom-Json).sha256 | Should -Match '^[0-9a-f]{64}$'
        (Get-Content $backup.Path -Raw) -replace 'gone@acme.example', 'evil@attacker.example' | Set-Content -LiteralPath $backup.Path
        $before = Get-ContactState acme

        Restore-SesContactList -Path $backup.Path -Confirm:$false @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Assert-OneError $ev 'BackupTampered' 'InvalidData' $backup.Path
        $ev[0].Exception.Message | Should -Match 'changed since it was written'
        Get-ContactState acme | Should -Be $before
    }

    It 'lists under -WhatIf the contacts a restore would remove, and changes nothing' {
        $backup = Backup-SesContactList -Customer acme @Cfg
        Add-SesContact -Customer acme -EmailAddress extra@acme.example @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress another@acme.example @Cfg | Out-Null
        $before = Get-ContactState acme
        $files = (Get-BackupFile).Count

        $plan = Restore-SesContactList -Path $backup.Path -WhatIf @Cfg

        $plan.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.RestorePlan'
        $plan.ToRemove | Sort-Object | Should -Be 'another@acme.example', 'extra@acme.example'
        $plan.ToCreate | Should -BeNullOrEmpty
        Get-ContactState acme | Should -Be $before
        (Get-BackupFile).Count | Should -Be $files
    }

    It 'writes backups by default to the user''s data directory, outside the repository' {
        $saved = $env:CHANGEMGMT_BACKUP_DIR, $env:XDG_DATA_HOME
        try {
            $env:CHANGEMGMT_BACKUP_DIR = $null
            $env:XDG_DATA_HOME = New-TempDirectory
            $backup = Backup-SesContactList -Customer acme @Cfg
            Split-Path $backup.Path -Parent | Should -Be (Join-Path $env:XDG_DATA_HOME 'ChangeMgmt/backups')
        } finally { $env:CHANGEMGMT_BACKUP_DIR, $env:XDG_DATA_HOME = $saved }
    }

    It 'keeps default backups out of the repository: backups/ is ignored by git' {
        Push-Location $Root
        try { git check-ignore -q examples/backups/acme-changemgmt.json; $LASTEXITCODE | Should -Be 0 } finally { Pop-Location }
    }
}

Describe 'Input checks before any call' {
    BeforeEach {
        Use-FreshState
        New-SesContactList -Customer acme @Cfg | Out-Null
    }

    It 'refuses a malformed email address, naming it (<Cmdlet>)' -ForEach @(
        @{ Cmdlet = 'Add-SesContact' }
        @{ Cmdlet = 'Remove-SesContact'; Extra = @{ Confirm = $false } }
        @{ Cmdlet = 'Add-SesSuppression'; Extra = @{ Reason = 'Bounce' } }
    ) {
        $extra = if ($Extra) { $Extra } else { @{} }
        $err = Get-TerminatingError { & $Cmdlet -Customer acme -EmailAddress 'a b@@acme' @extra @Cfg -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $err.Exception.Message | Should -Match "'a b@@acme' is not an email address"
        Get-ContactState acme | Should -BeNullOrEmpty
    }

    It 'refuses a malformed address in a CSV row, going on with the good rows' {
        $rows = @(
            [pscustomobject]@{ Customer = 'acme'; EmailAddress = 'jane@acme.example'; Topic = 'aws-announce'; Status = 'OPT_IN' }
            [pscustomobject]@{ Customer = 'acme'; EmailAddress = 'bob@@acme'; Topic = 'aws-announce'; Status = 'OPT_IN' }
        )
        $out = $rows | Set-SesContactSubscription -AddMissing @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue
        $out.EmailAddress | Should -Be 'jane@acme.example'
        $ev.Count | Should -Be 1
        $ev[0].Exception.Message | Should -Match "'bob@@acme' is not an email address"
    }

    It 'refuses a topic that SESConfig.json does not have, naming it and the configured ones, before reaching the account' {
        # initech has no contact list: a call would fail with ContactListNotFound, the check comes first.
        Add-SesContact -Customer initech -EmailAddress jane@initech.example -Topic aws-anounce @Cfg -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev 'UnknownTopic' 'InvalidArgument' 'aws-anounce'
        $ev[0].Exception.Message | Should -Match "'aws-anounce' is not a topic in SESConfig.json"
        $ev[0].Exception.Message | Should -Match 'aws-announce'

        Set-SesContactSubscription -Customer initech -EmailAddress jane@initech.example -Topic nosuch -Status OptIn @Cfg -ErrorVariable ev2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev2 'UnknownTopic' 'InvalidArgument' 'nosuch'
        Get-SesContact -Customer initech -Topic nosuch @Cfg -ErrorVariable ev3 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $ev3 'UnknownTopic' 'InvalidArgument' 'nosuch'
    }
}
