#Requires -Modules Pester
# The governance rules through the cmdlets, in local mode with examples/config.json (no auth section, so
# auth.allow_self_approval is false): self-approval, Deny-ChangeRequest, comments and reasons, schedules, warnings.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force
    $script:SavedEnv = @{}
    foreach ($name in 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_CONFIG') { $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:CHANGEMGMT_CONFIG = Join-Path $Root 'examples/config.json'
    $env:CHANGEMGMT_DATA_DIR = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-pester-' + [Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $env:CHANGEMGMT_DATA_DIR | Out-Null

    # A complete draft; by default its hour-long window started 10 minutes ago.
    function New-Draft {
        [CmdletBinding()]
        param([string] $Title = 'Patch ingress', [string[]] $Customer = @('acme'), [datetimeoffset] $Start = [datetimeoffset]::UtcNow.AddMinutes(-10), [double] $Hours = 1)
        New-ChangeRequest -Title $Title -Customer $Customer -Reason 'Fixes.' -ImplementationPlan 'Roll.' -TestPlan 'Probe.' `
            -CustomerImpact 'None.' -RollbackPlan 'Roll back.' -Start $Start -End $Start.AddHours($Hours) -TimeZone 'Europe/London'
    }

    function Get-ErrorRecords([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        , @(& $Command 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
    }
}

AfterAll {
    $data = $env:CHANGEMGMT_DATA_DIR
    Restore-Environment $SavedEnv
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $data -ErrorAction SilentlyContinue
}

Describe 'Approve-ChangeRequest and self-approval' {
    It 'refuses to approve the session''s own change, changing nothing' {
        $submitted = New-Draft | Submit-ChangeRequest
        $errs = Get-ErrorRecords { $submitted | Approve-ChangeRequest }
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SelfApprovalNotAllowed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*-AllowSelfApproval -Reason*'
        (Get-ChangeRequest -ChangeId $submitted.ChangeId).Status | Should -Be 'Submitted'
    }

    It 'needs -Reason with -AllowSelfApproval' {
        $submitted = New-Draft | Submit-ChangeRequest
        { $submitted | Approve-ChangeRequest -AllowSelfApproval } | Should -Throw -ErrorId 'ReasonRequired,*'
        (Get-ChangeRequest -ChangeId $submitted.ChangeId).Version | Should -Be 2
    }

    It 'approves with -AllowSelfApproval -Reason and records the override, its reason and the comment' {
        $approved = New-Draft | Submit-ChangeRequest |
            Approve-ChangeRequest -AllowSelfApproval -Reason 'Only one engineer on call.' -Comment 'Checked the plan.'
        $approved.Status | Should -Be 'Approved'
        $entry = $approved.Modifications[-1]
        $entry.ModificationType | Should -Be 'approved'
        $entry.Overrides | Should -Be @('self_approval')
        $entry.Reason | Should -Be 'Only one engineer on call.'
        $entry.Comment | Should -Be 'Checked the plan.'
    }
}

Describe 'Deny-ChangeRequest' {
    It 'changes nothing under -WhatIf' {
        $submitted = New-Draft | Submit-ChangeRequest
        $submitted | Deny-ChangeRequest -Comment 'Not yet.' -WhatIf | Should -BeNullOrEmpty
        $stored = Get-ChangeRequest -ChangeId $submitted.ChangeId
        ($stored.Status, $stored.Version) | Should -Be @('Submitted', 2)
    }

    It 'rejects piped changes with the comment; the author edits and submits again' {
        $first = New-Draft -Title 'First' | Submit-ChangeRequest
        $second = New-Draft -Title 'Second' | Submit-ChangeRequest
        $rejected = @($first, $second | Deny-ChangeRequest -Comment 'Add a tested rollback.')
        $rejected.Status | Sort-Object -Unique | Should -Be 'Rejected'
        $rejected[0].Modifications[-1].Comment | Should -Be 'Add a tested rollback.'
        $edited = Set-ChangeRequest -ChangeId $first.ChangeId -RollbackPlan 'Rollback rehearsed on staging.'
        $edited.Status | Should -Be 'Rejected'
        ($edited | Submit-ChangeRequest).Status | Should -Be 'Submitted'
    }

    It 'requires -Comment' {
        (Get-Command Deny-ChangeRequest).Parameters['Comment'].Attributes.Where({ $_ -is [Management.Automation.ParameterAttribute] }).Mandatory | Should -Be $true
    }
}

Describe 'Schedules, reasons and warnings' {
    It 'refuses to submit a window that has ended unless -Backdated -Reason, which is recorded' {
        $past = New-Draft -Start ([datetimeoffset]::UtcNow.AddHours(-6))
        $errs = Get-ErrorRecords { $past | Submit-ChangeRequest }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChangeInvalid,*'
        $errs[0].Exception.Message | Should -BeLike '*implementationEnd: The window ended*backdated*'
        $submitted = $past | Submit-ChangeRequest -Backdated -Reason 'Emergency fix during the outage.'
        $submitted.Modifications[-1].Overrides | Should -Be @('backdated')
    }

    It 'refuses to complete before the window unless -Early -Reason; -Reason on Stop-ChangeRequest is recorded' {
        $future = New-Draft -Start ([datetimeoffset]::UtcNow.AddDays(30)) | Submit-ChangeRequest |
            Approve-ChangeRequest -AllowSelfApproval -Reason 'Test session.'
        (Get-ErrorRecords { $future | Complete-ChangeRequest })[0].Exception.Message | Should -BeLike '*implementationStart*early*'
        ($future | Complete-ChangeRequest -Early -Reason 'Done in the previous window.').Modifications[-1].Overrides | Should -Be @('early')
        $cancelled = New-Draft | Stop-ChangeRequest -Reason 'Superseded.'
        $cancelled.Modifications[-1].Reason | Should -Be 'Superseded.'
    }

    It 'writes overlapping changes of the same customer and a long window to the warning stream' {
        $start = [datetimeoffset]::UtcNow.AddDays(60)
        $first = New-Draft -Title 'First' -Customer globex -Start $start | Submit-ChangeRequest
        $second = New-Draft -Title 'Second' -Customer globex, initech -Start $start.AddMinutes(30) -Hours 100
        $submitted = $second | Submit-ChangeRequest -WarningVariable warned -WarningAction SilentlyContinue
        $submitted.Status | Should -Be 'Submitted'
        ($warned | Where-Object { "$_" -like "*$($first.ChangeId)*globex*" }) | Should -Not -BeNullOrEmpty
        ($warned | Where-Object { "$_" -like '*100 hours long, over the 72-hour maximum*' }) | Should -Not -BeNullOrEmpty
    }

    It 'writes the warnings of a new draft that overlaps a submitted change of the same customer' {
        $start = [datetimeoffset]::UtcNow.AddDays(90)
        $first = New-Draft -Title 'Planned' -Customer initech -Start $start | Submit-ChangeRequest
        $draft = New-Draft -Title 'Overlapping' -Customer initech -Start $start.AddMinutes(15) -WarningVariable warned -WarningAction SilentlyContinue
        $draft.Status | Should -Be 'Draft'
        ($warned | Where-Object { "$_" -like "$($draft.ChangeId): *$($first.ChangeId)*initech*" }) | Should -Not -BeNullOrEmpty
    }
}
