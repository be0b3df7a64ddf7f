#Requires -Modules Pester
# New/Get/Set/Submit/Approve/Stop-Announcement in local mode: every Describe works in its own fresh data directory
# (one changemgmt.db), with examples/config.json (no announcement_types: the default types, general without approval).
BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalStore.ps1')
    # This session writes and approves its own announcements: every approval here is an explicit, recorded self-approval.
    $PSDefaultParameterValues['Approve-Announcement:AllowSelfApproval'] = $true
    $PSDefaultParameterValues['Approve-Announcement:Reason'] = 'Pester: one session authors and approves.'
    # A draft with every field a submission needs.
    function New-CompleteAnnouncement {
        param([string] $Type = 'finops', [string] $Title = 'Q4 cost review', [string[]] $Customer = @('acme', 'globex'))
        New-Announcement -Type $Type -Title $Title -Summary 'Your Q4 numbers.' -Content 'Costs **fell** 12%.' -Customer $Customer
    }
}

AfterAll {
    'AllowSelfApproval', 'Reason' | ForEach-Object { $PSDefaultParameterValues.Remove("Approve-Announcement:$_") }
    Restore-LocalStoreSetup
}

Describe 'The announcement lifecycle through the pipeline' {
    BeforeAll {
        Use-FreshStore
        $script:Files = New-Folder @{ 'q4.pdf' = '%PDF-1.4 numbers'; 'body.md' = "# Q4`n`nCosts **fell**." }
        $script:Outside = New-Folder
    }

    It 'New -> Get -> Set -> Submit -> Approve, each acting on the version the previous one wrote' {
        $created = New-Announcement -Type finops -Title 'Q4 cost review' -Summary 'Your Q4 numbers.' -Content 'Costs **fell** 12%.' -Customer acme, 'glob*' `
            -Link @{ Title = 'Q4 report'; Url = 'https://portal.example/q4' }
        $created.Status | Should -Be 'Draft'
        $created.Customers | Should -Be @('acme', 'globex')
        $created.Links[0].Url | Should -Be 'https://portal.example/q4'

        $approved = Get-Announcement -AnnouncementId $created.AnnouncementId |
            Set-Announcement -Summary 'Your Q4 numbers, with the forecast.' |
            Submit-Announcement |
            Approve-Announcement -Comment 'Numbers checked.'

        $approved.Status | Should -Be 'Approved'
        $approved.Version | Should -Be 4
        $approved.Summary | Should -Be 'Your Q4 numbers, with the forecast.'
        $approved.ApprovedBy | Should -Be $User
        $approved.Modifications[-1].Comment | Should -Be 'Numbers checked.'
        (Get-Announcement -Status Approved -Type FinOps).AnnouncementId | Should -Be $created.AnnouncementId
        (Get-Announcement $created.AnnouncementId -Version 1).Summary | Should -Be 'Your Q4 numbers.'
    }

    It 'a general announcement is published by its submit, without approval' {
        $published = New-CompleteAnnouncement -Type general -Title 'Portal maintenance' -Customer initech | Submit-Announcement

        $published.Status | Should -Be 'Approved'
        $published.SubmittedBy | Should -Be $User
        $published.ApprovedBy | Should -Be $User
        $published.Version | Should -Be 2
    }

    It 'Get-Announcement -Status Submitted | Approve-Announcement approves exactly what was listed' {
        $a = New-CompleteAnnouncement -Title 'Listed one' | Submit-Announcement
        $b = New-CompleteAnnouncement -Title 'Listed two' -Customer globex | Submit-Announcement

        $approved = @(Get-Announcement -Status Submitted | Approve-Announcement)

        @($approved.AnnouncementId | Sort-Object) | Should -Be @(@($a.AnnouncementId, $b.AnnouncementId) | Sort-Object)
        @(Get-Announcement -Status Submitted).Count | Should -Be 0
    }

    It 'a stale version from the pipeline is refused and nothing is written' {
        $draft = New-CompleteAnnouncement -Title 'Stale'
        $null = Set-Announcement $draft.AnnouncementId -Title 'Moved on'

        $draft | Submit-Announcement -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'AnnouncementVersionConflict,*'
        (Get-Announcement $draft.AnnouncementId).Status | Should -Be 'Draft'
    }

    It 'Stop-Announcement (and its alias Cancel-Announcement) cancels and records the reason' {
        $sent = New-CompleteAnnouncement -Type general -Title 'Wrong list' | Submit-Announcement
        $submitted = New-CompleteAnnouncement -Title 'Not needed' | Submit-Announcement

        $cancelled = $sent | Stop-Announcement -Reason 'Sent to the wrong list.'
        $alias = $submitted | Cancel-Announcement

        $cancelled.Status | Should -Be 'Cancelled'
        $cancelled.CancelledBy | Should -Be $User
        $cancelled.Modifications[-1].Reason | Should -Be 'Sent to the wrong list.'
        $alias.Status | Should -Be 'Cancelled'
        New-CompleteAnnouncement -Title 'A draft' | Stop-Announcement -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTransition,*'
    }

    It 'attaches files given relative to the current location, from a directory outside the repository' {
        # Both the PowerShell location and the process directory outside the repository (the module must not rely on either being in it).
        $processDirectory = [Environment]::CurrentDirectory
        Push-Location $Files
        try {
            [Environment]::CurrentDirectory = $Files
            (Get-Location).Path | Should -Not -BeLike "$Root*"
            $draft = New-Announcement -Type finops -Title 'With files' -Summary 'Attached.' -ContentPath ./body.md -Customer acme -Attachment ./q4.pdf
        }
        finally {
            Pop-Location
            [Environment]::CurrentDirectory = $processDirectory
        }

        $draft.Version | Should -Be 2
        $draft.Content | Should -Be "# Q4`n`nCosts **fell**."
        $draft.Attachments[0].Name | Should -Be 'q4.pdf'
        $draft.Attachments[0].ContentType | Should -Be 'application/pdf'
        $draft.Attachments[0].Size | Should -Be (Get-Item (Join-Path $Files 'q4.pdf')).Length
        $draft.Attachments[0].Key | Should -Be "archive/$($draft.AnnouncementId)/attachments/q4.pdf"
        Copy-Item (Join-Path $Files 'body.md') (Join-Path $Outside 'notes.txt')
        Push-Location $Outside
        try {
            $edited = Set-Announcement $draft.AnnouncementId -Attachment ./notes.txt
        }
        finally { Pop-Location }
        @($edited.Attachments.Name) | Should -Be @('q4.pdf', 'notes.txt')
        $edited.Version | Should -Be 3
    }
}

Describe 'Completion, search and views' {
    BeforeAll {
        Use-FreshStore
        $script:Review = New-CompleteAnnouncement -Title 'Quarterly review'
        $null = New-CompleteAnnouncement -Type general -Title 'Portal maintenance' -Customer initech
    }

    It '-Type completes the configured announcement types and -AnnouncementId the ids of the local store' {
        $line = 'New-Announcement -Type fi'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('finops')
        $line = 'Submit-Announcement -AnnouncementId ANN'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).Count | Should -Be 2
    }

    It 'searches by text, customer and -First, and shows the views with real property names' {
        (Get-Announcement -Text 'quarterly').AnnouncementId | Should -Be $Review.AnnouncementId
        (Get-Announcement -Customer initech).Title | Should -Be 'Portal maintenance'
        @(Get-Announcement -First 1).Count | Should -Be 1
        Get-Announcement | Format-Table | Out-String | Should -Match 'AnnouncementId\s+AnnouncementType\s+Title'
        Get-Announcement $Review.AnnouncementId | Format-List | Out-String | Should -Match 'Attachments\s*:'
    }
}

Describe 'Attachments that are not allowed' {
    BeforeAll {
        Use-FreshStore
        $script:Files = New-Folder @{ 'tool.exe' = 'MZ' }
    }

    It 'a file of a type not allowed is AnnouncementInvalid naming the file and the allowed types, and nothing is written' {
        New-Announcement -Type finops -Title 'Bad file' -Customer acme -Attachment (Join-Path $Files 'tool.exe') -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'AnnouncementInvalid,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -BeLike "*Attachment 'tool.exe': type not allowed; allowed: .pdf, .png*"
        @(Get-Announcement).Count | Should -Be 0
    }

    It 'a draft refuses it too, at its version' {
        $draft = New-CompleteAnnouncement -Title 'Keeps its version'

        Set-Announcement $draft.AnnouncementId -Attachment (Join-Path $Files 'tool.exe') -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors[0].FullyQualifiedErrorId | Should -BeLike 'AnnouncementInvalid,*'
        (Get-Announcement $draft.AnnouncementId).Version | Should -Be 1
    }

    It 'a file that is not there stops the cmdlet with AttachmentNotFound' {
        { New-Announcement -Type finops -Title 'Missing file' -Customer acme -Attachment (Join-Path $Files 'none.pdf') -ErrorAction Stop } |
            Should -Throw -ErrorId 'AttachmentNotFound,*'
        @(Get-Announcement).Count | Should -Be 1
    }
}

Describe '-WhatIf writes nothing' {
    BeforeAll {
        Use-FreshStore
        $script:Files = New-Folder @{ 'q4.pdf' = '%PDF-1.4' }
    }

    It 'on New, Set, Submit, Approve and Stop' {
        New-CompleteAnnouncement -Title 'Preview only' | Out-Null
        $before = Get-Announcement | Get-Announcement

        New-Announcement -Type general -Title 'Never written' -Customer acme -Attachment (Join-Path $Files 'q4.pdf') -WhatIf | Should -BeNullOrEmpty
        $before | Set-Announcement -Title 'Never' -Attachment (Join-Path $Files 'q4.pdf') -WhatIf | Should -BeNullOrEmpty
        $before | Submit-Announcement -WhatIf | Should -BeNullOrEmpty

        $after = @(Get-Announcement)
        $after.Count | Should -Be 1
        $after[0].Version | Should -Be $before.Version
        $after[0].Title | Should -Be 'Preview only'
        $submitted = $before | Submit-Announcement
        $submitted | Approve-Announcement -WhatIf | Should -BeNullOrEmpty
        $submitted | Stop-Announcement -WhatIf | Should -BeNullOrEmpty
        $stored = Get-Announcement $submitted.AnnouncementId
        ($stored.Status, $stored.Version) | Should -Be @('Submitted', 2)
        $stored.Attachments | Should -BeNullOrEmpty
    }
}
