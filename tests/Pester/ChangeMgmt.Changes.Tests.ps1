#Requires -Modules Pester
# New/Get/Set/Submit/Approve/Complete/Stop/Remove-ChangeRequest in local mode: every Describe
# works in its own fresh data directory (one changemgmt.db), with examples/config.json.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

    $script:SubmittedFixture = Join-Path $Root '../shared/fixtures/change-submitted.json'
    $script:User = "$([Environment]::UserName)@$([Environment]::MachineName)".ToLowerInvariant()
    $script:SavedEnv = @{}
    foreach ($name in 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_BACKUP_DIR', 'CHANGEMGMT_CONFIG') {
        $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:CHANGEMGMT_CONFIG = Join-Path $Root 'examples/config.json'
    # A window under way (started 10 minutes ago, an hour long): submitted, approved and completed without overrides.
    $script:WindowStart = [datetimeoffset]::UtcNow.AddMinutes(-10)
    # This session writes and approves its own changes: every approval here is an explicit, recorded self-approval
    # (the Describe 'Governance rules' clears these to show the refusal).
    $script:SelfApproval = @{ 'Approve-ChangeRequest:AllowSelfApproval' = $true; 'Approve-ChangeRequest:Reason' = 'Pester: one session authors and approves.' }
    foreach ($key in $SelfApproval.Keys) { $PSDefaultParameterValues[$key] = $SelfApproval[$key] }
    $script:TempDirs = [Collections.Generic.List[string]]::new()

    function New-TempDir {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-pester-' + [Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $TempDirs.Add($dir)
        $dir
    }

    # A fresh local store (data and backup directories) for the current Describe.
    function Use-FreshStore {
        $env:CHANGEMGMT_DATA_DIR = New-TempDir
        $env:CHANGEMGMT_BACKUP_DIR = New-TempDir
    }

    # A draft with every field a submission needs; -Start moves its one-hour window.
    function New-CompleteDraft {
        param(
            [string] $Title = 'Patch shared ingress',
            [string[]] $Customer = @('acme', 'globex'),
            [datetimeoffset] $Start = $WindowStart,
            [string] $SnowTicket
        )
        $fields = @{
            Title = $Title; Customer = $Customer; Reason = 'Security fixes.'; ImplementationPlan = 'Roll the nodes.'
            TestPlan = 'Synthetic checks.'; CustomerImpact = 'None expected.'; RollbackPlan = 'Roll back the image.'
            Start = $Start; End = $Start.AddHours(1); TimeZone = 'America/New_York'
        }
        if ($SnowTicket) { $fields.SnowTicket = $SnowTicket }
        New-ChangeRequest @fields
    }

    # Exactly one error was written, with this error id and category.
    function Assert-OneError($Errors, [string] $ErrorId, [string] $Category) {
        @($Errors).Count | Should -Be 1
        $Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $Errors[0].CategoryInfo.Category | Should -Be $Category
    }

    # The stored change still holds these values (@{ Status = 'Draft'; Version = 1 }).
    function Assert-Stored([string] $ChangeId, [hashtable] $Expected) {
        $stored = Get-ChangeRequest -ChangeId $ChangeId
        foreach ($key in $Expected.Keys) { $stored.$key | Should -Be $Expected[$key] -Because "$ChangeId $key" }
    }

    # The non-terminating errors a command writes (its output is dropped).
    function Get-ErrorRecords([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        , @(& $Command 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
    }
}

AfterAll {
    foreach ($key in $SelfApproval.Keys) { $PSDefaultParameterValues.Remove($key) }
    Restore-Environment $SavedEnv
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
    foreach ($dir in $TempDirs) { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
}

Describe 'New-ChangeRequest' {
    BeforeAll { Use-FreshStore }

    It 'creates a draft at version 1 from parameters, expanding customer wildcards' {
        $change = New-ChangeRequest -Title 'Rotate keys' -Customer 'a*', 'globex' -SnowTicket 'CHG0000001'
        $change.GetType().FullName | Should -Be 'ChangeMgmt.Core.Changes.Change'
        $change.ChangeId | Should -Match '^CHG-\d{8}-[0-9A-Z]{6}$'
        $change.Status | Should -Be 'Draft'
        $change.Version | Should -Be 1
        $change.Customers | Should -Be @('acme', 'globex')
        $change.SnowTicket | Should -Be 'CHG0000001'
        $change.CreatedBy | Should -Be $User
        (Get-ChangeRequest -ChangeId $change.ChangeId).ChangeTitle | Should -Be 'Rotate keys'
    }

    It 'accepts a portal change file unchanged, as a new draft with a new id' {
        $portal = Get-Content $SubmittedFixture -Raw | ConvertFrom-Json
        $change = New-ChangeRequest -Path $SubmittedFixture
        $change.ChangeId | Should -Not -Be $portal.changeId
        $change.Status | Should -Be 'Draft'
        $change.Version | Should -Be 1
        $change.ChangeTitle | Should -Be $portal.changeTitle
        $change.Customers | Should -Be $portal.customers
        $change.ImplementationStart | Should -Be ([datetimeoffset]'2026-12-03T22:00:00-05:00')
        $change.Timezone | Should -Be 'America/New_York'
        $change.SubmittedAt | Should -BeNullOrEmpty
        $change.Modifications.ModificationType | Should -Be @('created')
        $change.Extra.Keys | Should -Contain 'object_type' -Because 'unknown fields are kept'
        ($change | Submit-ChangeRequest -Backdated -Reason 'The fixture''s window has passed.').Status | Should -Be 'Submitted' -Because 'the file holds every required field'
    }

    It 'lets parameters override the fields of the file' {
        $change = New-ChangeRequest -Path $SubmittedFixture -Title 'Overridden' -Customer umbrella
        $change.ChangeTitle | Should -Be 'Overridden'
        $change.Customers | Should -Be @('umbrella')
        $change.RollbackPlan | Should -Be 'Switch listeners back to the previous certificates.'
    }

    It 'reports ChangeInvalid for an unknown customer (non-terminating) and creates nothing' {
        $before = @(Get-ChangeRequest).Count
        $out = New-ChangeRequest -Title 'Nope' -Customer acme, nope -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChangeInvalid,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.Message | Should -Match "customers: 'nope'"
        @(Get-ChangeRequest).Count | Should -Be $before
    }

    It 'reports ChangeInvalid naming a time zone that is not IANA' {
        New-ChangeRequest -Title 'Zone' -Customer acme -TimeZone 'Mars/Olympus_Mons' -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'ChangeInvalid,ChangeMgmt.Cmdlets.NewChangeRequestCommand'
        $errs[0].Exception.Message | Should -BeLike "*timezone: 'Mars/Olympus_Mons'*"
    }

    It 'reads -Start and -End without an offset in the change''s time zone, never UTC or this computer''s zone' {
        $change = New-ChangeRequest -Title 'Wall clock' -Customer acme -Start '2026-12-10T22:00' -End '2026-12-10 23:30' -TimeZone America/New_York
        $change.ImplementationStart | Should -Be ([datetimeoffset]'2026-12-10T22:00:00-05:00')
        $change.ImplementationStart.Offset | Should -Be ([timespan]'-05:00')
        $change.ImplementationEnd | Should -Be ([datetimeoffset]'2026-12-10T23:30:00-05:00')

        $edited = Set-ChangeRequest -ChangeId $change.ChangeId -Start ([datetime]'2026-07-01T09:00') -End '2026-07-01T10:00:00Z' -TimeZone Europe/Berlin
        $edited.ImplementationStart | Should -Be ([datetimeoffset]'2026-07-01T09:00:00+02:00')
        $edited.ImplementationEnd | Should -Be ([datetimeoffset]'2026-07-01T10:00:00Z')
    }

    It 'reads a change file''s times without an offset in -TimeZone, and refuses them without any zone' {
        $file = Join-Path (New-TempDir) 'wall-clock.json'
        '{"changeTitle":"From a file","customers":["acme"],"implementationStart":"2026-12-10T22:00:00","implementationEnd":"2026-12-10T23:00:00"}' |
            Set-Content -LiteralPath $file
        $change = New-ChangeRequest -Path $file -TimeZone Europe/Berlin
        $change.ImplementationStart | Should -Be ([datetimeoffset]'2026-12-10T22:00:00+01:00')
        $change.TimeZone | Should -Be 'Europe/Berlin'

        { New-ChangeRequest -Path $file -ErrorAction Stop } | Should -Throw -ErrorId 'ChangeInvalid,ChangeMgmt.Cmdlets.NewChangeRequestCommand'
    }

    It 'reports ChangeInvalid for a time without an offset and no time zone, and for Windows or abbreviated zones' {
        New-ChangeRequest -Title 'No zone' -Customer acme -Start '2026-12-10T22:00' -ErrorVariable noZone -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        New-ChangeRequest -Title 'Windows zone' -Customer acme -TimeZone 'Eastern Standard Time' -ErrorVariable windows -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        New-ChangeRequest -Title 'Abbreviation' -Customer acme -TimeZone EST -ErrorVariable abbreviation -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Assert-OneError $noZone 'ChangeInvalid' 'InvalidData'
        $noZone[0].Exception.Message | Should -BeLike "*implementationStart: '2026-12-10T22:00' has no UTC offset*"
        $windows[0].Exception.Message | Should -BeLike '*timezone:*America/New_York*'
        $abbreviation[0].Exception.Message | Should -BeLike "*timezone: 'EST'*"
    }

    It 'reports ChangeInvalid naming a field over its limit' {
        New-ChangeRequest -Title ('t' * 201) -Customer acme -ImplementationPlan ('p' * 20001) -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $errs 'ChangeInvalid' 'InvalidData'
        $errs[0].Exception.Message | Should -BeLike '*changeTitle: At most 200 characters; this one has 201.*implementationPlan: At most 20,000*'
    }

    It 'reports ChangeInvalid when the window ends before it starts' {
        New-ChangeRequest -Title 'Backwards' -Customer acme -Start '2026-12-02T10:00:00Z' -End '2026-12-02T09:00:00Z' -ErrorVariable errs -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChangeInvalid,*'
        $errs[0].Exception.Message | Should -BeLike '*implementationEnd*'
    }

    It 'creates the valid rows of piped input and reports the invalid ones' {
        $before = @(Get-ChangeRequest).Count
        $rows = @(
            [pscustomobject]@{ Title = 'Row one'; Customer = 'acme' }
            [pscustomobject]@{ Title = 'Row two'; Customer = 'nope' }
            [pscustomobject]@{ Title = 'Row three'; Customer = 'globex' }
        )
        $created = @($rows | New-ChangeRequest -ErrorVariable errs -ErrorAction SilentlyContinue)
        $created.ChangeTitle | Should -Be @('Row one', 'Row three')
        $errs.Count | Should -Be 1
        @(Get-ChangeRequest).Count | Should -Be ($before + 2)
    }

    It 'terminates with ChangeFileInvalid for a file that is not a change' {
        $bad = Join-Path (New-TempDir) 'bad.json'
        Set-Content -Path $bad -Value '{not json'
        { New-ChangeRequest -Path $bad } | Should -Throw -ErrorId 'ChangeFileInvalid,*'
    }

    It 'uses -DataDirectory over $env:CHANGEMGMT_DATA_DIR' {
        $other = New-TempDir
        $change = New-ChangeRequest -DataDirectory $other -Title 'Elsewhere' -Customer acme
        (Get-ChangeRequest -DataDirectory $other -ChangeId $change.ChangeId).ChangeTitle | Should -Be 'Elsewhere'
        Test-Path (Join-Path $other 'changemgmt.db') | Should -BeTrue
        Get-ChangeRequest -Text Elsewhere | Should -BeNullOrEmpty
    }
}

Describe 'Submitting incomplete changes' {
    BeforeAll { Use-FreshStore }

    It 'reports ChangeInvalid naming every missing field, and leaves the draft as it was' {
        $draft = New-ChangeRequest -Title 'Half written' -Customer acme
        $errs = Get-ErrorRecords { $draft | Submit-ChangeRequest }
        Assert-OneError $errs ChangeInvalid InvalidData
        $errs[0].TargetObject | Should -Be $draft.ChangeId
        foreach ($field in 'changeReason', 'implementationPlan', 'testPlan', 'customerImpact', 'rollbackPlan', 'implementationStart', 'implementationEnd', 'timezone') {
            $errs[0].Exception.Message | Should -Match "$($field): Required" -Because "$field is missing"
        }
        $errs[0].Exception.Message | Should -Not -Match 'changeTitle'
        Assert-Stored $draft.ChangeId @{ Status = 'Draft'; Version = 1 }
    }

    It 'goes on with the next change in the pipeline after an invalid one' {
        $incomplete = New-ChangeRequest -Title 'Incomplete' -Customer globex
        $complete = New-CompleteDraft -Title 'Complete'
        $errs = $null
        $submitted = @($incomplete, $complete | Submit-ChangeRequest -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $incomplete.ChangeId
        $submitted.ChangeId | Should -Be @($complete.ChangeId)
        $submitted[0].Status | Should -Be 'Submitted'
    }
}

Describe 'Change lifecycle' {
    BeforeAll { Use-FreshStore }

    It 'moves a change through submit, approve and complete in one pipeline, recording who did each step' {
        $done = New-CompleteDraft | Submit-ChangeRequest | Approve-ChangeRequest | Complete-ChangeRequest
        $done.Status | Should -Be 'Completed'
        $done.Version | Should -Be 4
        $done.Modifications.ModificationType | Should -Be @('created', 'submitted', 'approved', 'completed')
        $done.Modifications.Version | Should -Be @(1, 2, 3, 4)
        $done.Modifications.UserId | Sort-Object -Unique | Should -Be $User
        $done.SubmittedBy | Should -Be $User
        $done.ApprovedBy | Should -Be $User
        $done.CompletedBy | Should -Be $User
        $done.CompletedAt | Should -Not -BeNullOrEmpty
        (Get-ChangeRequest -ChangeId $done.ChangeId).Status | Should -Be 'Completed'
    }

    It 'approves what Get-ChangeRequest -Status Submitted finds' {
        $first = New-CompleteDraft -Title 'Batch one' | Submit-ChangeRequest
        $second = New-CompleteDraft -Title 'Batch two' | Submit-ChangeRequest
        $draft = New-CompleteDraft -Title 'Batch draft'
        $approved = @(Get-ChangeRequest -Status Submitted | Approve-ChangeRequest)
        $approved.ChangeId | Sort-Object | Should -Be (@($first.ChangeId, $second.ChangeId) | Sort-Object)
        $approved.Status | Sort-Object -Unique | Should -Be 'Approved'
        (Get-ChangeRequest -ChangeId $draft.ChangeId).Status | Should -Be 'Draft'
        Get-ChangeRequest -Status Submitted | Should -BeNullOrEmpty
    }

    It 'refuses to <Action> a <From> change with InvalidTransition, changing nothing' -ForEach @(
        @{ Action = 'approve'; From = 'draft'; Command = 'Approve-ChangeRequest'; Steps = @() }
        @{ Action = 'complete'; From = 'submitted'; Command = 'Complete-ChangeRequest'; Steps = @('Submit-ChangeRequest') }
        @{ Action = 'submit'; From = 'approved'; Command = 'Submit-ChangeRequest'; Steps = @('Submit-ChangeRequest', 'Approve-ChangeRequest') }
        @{ Action = 'cancel'; From = 'completed'; Command = 'Stop-ChangeRequest'; Steps = @('Submit-ChangeRequest', 'Approve-ChangeRequest', 'Complete-ChangeRequest') }
    ) {
        $change = New-CompleteDraft
        foreach ($step in $Steps) { $change = $change | & $step }
        $errs = $null
        $out = & $Command -ChangeId $change.ChangeId -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Assert-OneError $errs InvalidTransition InvalidOperation
        $errs[0].Exception.Message | Should -Match "is $From"
        Assert-Stored $change.ChangeId @{ Status = $change.Status; Version = $change.Version }
    }

    It 'edits a change with Set-ChangeRequest: a new version, the previous one kept' {
        $draft = New-CompleteDraft -Title 'Before edit'
        $edited = Set-ChangeRequest -ChangeId $draft.ChangeId -Title 'After edit' -JiraTicket 'OPS-1'
        $edited.Version | Should -Be 2
        $edited.ChangeTitle | Should -Be 'After edit'
        $edited.JiraTicket | Should -Be 'OPS-1'
        $edited.Modifications[-1].ModificationType | Should -Be 'updated'
        $edited.Modifications[-1].UserId | Should -Be $User
        (Get-ChangeRequest -ChangeId $draft.ChangeId -Version 1).ChangeTitle | Should -Be 'Before edit'
        (Get-ChangeRequest -ChangeId $draft.ChangeId).ChangeTitle | Should -Be 'After edit'
    }

    It 'refuses Set-ChangeRequest with a stale -Version (ChangeVersionConflict), writing nothing' {
        $draft = New-CompleteDraft -Title 'Contended'
        Set-ChangeRequest -ChangeId $draft.ChangeId -Title 'First writer' | Out-Null
        $errs = $null
        Set-ChangeRequest -ChangeId $draft.ChangeId -Version 1 -Title 'Second writer' -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $errs ChangeVersionConflict ResourceBusy
        Assert-Stored $draft.ChangeId @{ ChangeTitle = 'First writer'; Version = 2 }
    }

    It 'refuses to approve a change piped at a version it has moved on from (ChangeVersionConflict)' {
        $submitted = New-CompleteDraft | Submit-ChangeRequest
        Set-ChangeRequest -ChangeId $submitted.ChangeId -CustomerImpact 'A short blip.' | Out-Null
        $errs = $null
        $submitted | Approve-ChangeRequest -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-OneError $errs ChangeVersionConflict ResourceBusy
        $errs[0].Exception.Message | Should -Match 'at version 3, not 2'
        Assert-Stored $submitted.ChangeId @{ Status = 'Submitted'; Version = 3 }
        (Approve-ChangeRequest -ChangeId $submitted.ChangeId -Version 3).Status | Should -Be 'Approved'
    }

    It 'cancels a submitted change with Stop-ChangeRequest and a draft with Cancel-ChangeRequest' {
        $submitted = New-CompleteDraft | Submit-ChangeRequest
        $cancelled = Stop-ChangeRequest -ChangeId $submitted.ChangeId
        $cancelled.Status | Should -Be 'Cancelled'
        $cancelled.CancelledBy | Should -Be $User
        $cancelled.Modifications[-1].ModificationType | Should -Be 'cancelled'
        $draft = New-CompleteDraft
        ($draft | Cancel-ChangeRequest).Status | Should -Be 'Cancelled'
        (Get-ChangeRequest -Status Cancelled).ChangeId | Should -Contain $draft.ChangeId
    }

    It 'deletes a draft: it is gone from reads (ChangeDeleted) and from searches' {
        $draft = New-CompleteDraft -Title 'Short lived'
        Remove-ChangeRequest -ChangeId $draft.ChangeId -Confirm:$false | Should -BeNullOrEmpty
        $errs = Get-ErrorRecords { Get-ChangeRequest -ChangeId $draft.ChangeId }
        Assert-OneError $errs ChangeDeleted ObjectNotFound
        $errs[0].Exception.Message | Should -Match "deleted by $([regex]::Escape($User))"
        (Get-ChangeRequest).ChangeId | Should -Not -Contain $draft.ChangeId
        Get-ChangeRequest -Text 'Short lived' | Should -BeNullOrEmpty
        $again = Get-ErrorRecords { Set-ChangeRequest -ChangeId $draft.ChangeId -Title 'Back' }
        $again[0].FullyQualifiedErrorId | Should -BeLike 'ChangeDeleted,*'
    }

    It 'refuses to delete a submitted change (InvalidTransition): it is cancelled instead' {
        $submitted = New-CompleteDraft | Submit-ChangeRequest
        $errs = $null
        Remove-ChangeRequest -ChangeId $submitted.ChangeId -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-OneError $errs InvalidTransition InvalidOperation
        $errs[0].Exception.Message | Should -Match 'cancel it instead'
        Assert-Stored $submitted.ChangeId @{ Status = 'Submitted'; Version = 2 }
    }

    It 'reports ChangeNotFound for an id that does not exist and goes on with the others' {
        $draft = New-CompleteDraft
        $errs = $null
        $found = @(Get-ChangeRequest -ChangeId 'CHG-20260101-AAAAAA', $draft.ChangeId -ErrorVariable errs -ErrorAction SilentlyContinue)
        $found.ChangeId | Should -Be @($draft.ChangeId)
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChangeNotFound,*'
        $errs[0].TargetObject | Should -Be 'CHG-20260101-AAAAAA'
    }
}

Describe 'Get-ChangeRequest' {
    BeforeAll {
        Use-FreshStore
        $script:Changes = @(
            New-CompleteDraft -Title 'Alpha network' -Customer acme -Start '2027-12-01T10:00:00Z' -SnowTicket 'CHG0000101'
            New-CompleteDraft -Title 'Bravo storage' -Customer acme, globex -Start '2027-12-05T10:00:00Z'
            New-CompleteDraft -Title 'Charlie compute' -Customer globex -Start '2027-12-10T10:00:00Z'
            New-CompleteDraft -Title 'Delta network' -Customer initech -Start '2027-12-15T10:00:00Z'
            New-CompleteDraft -Title 'Echo identity' -Customer umbrella, acme -Start '2027-12-20T10:00:00Z'
        )
        $Changes[1] | Submit-ChangeRequest | Out-Null
        $Changes[2] | Submit-ChangeRequest | Approve-ChangeRequest | Out-Null
        $script:Ids = $Changes.ChangeId
    }

    It 'lists every change as summaries without parameters' {
        $all = @(Get-ChangeRequest)
        $all.Count | Should -Be 5
        $all.ChangeId | Sort-Object | Should -Be ($Ids | Sort-Object)
        $all[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Changes.ChangeSummary'
    }

    It 'gets whole changes by id, also from the pipeline' {
        $got = @($Ids[0], $Ids[3] | Get-ChangeRequest)
        $got.ChangeTitle | Should -Be @('Alpha network', 'Delta network')
        $got[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Changes.Change'
        $got[0].ImplementationPlan | Should -Be 'Roll the nodes.'
    }

    It 'returns an older version with -Version' {
        $v1 = Get-ChangeRequest -ChangeId $Ids[2] -Version 1
        $v1.Status | Should -Be 'Draft'
        $v1.Version | Should -Be 1
        (Get-ChangeRequest -ChangeId $Ids[2] -Version 2).Status | Should -Be 'Submitted'
        (Get-ChangeRequest -ChangeId $Ids[2] -Version 3).Status | Should -Be 'Approved'
        $errs = Get-ErrorRecords { Get-ChangeRequest -ChangeId $Ids[2] -Version 9 }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChangeNotFound,*'
    }

    It 'filters by -Status' {
        (Get-ChangeRequest -Status Draft).ChangeId | Sort-Object | Should -Be (@($Ids[0], $Ids[3], $Ids[4]) | Sort-Object)
        (Get-ChangeRequest -Status Submitted).ChangeId | Should -Be @($Ids[1])
        (Get-ChangeRequest -Status Approved).ChangeId | Should -Be @($Ids[2])
        Get-ChangeRequest -Status Completed | Should -BeNullOrEmpty
    }

    It 'filters by -Customer' {
        (Get-ChangeRequest -Customer acme).ChangeId | Sort-Object | Should -Be (@($Ids[0], $Ids[1], $Ids[4]) | Sort-Object)
        (Get-ChangeRequest -Customer initech).ChangeId | Should -Be @($Ids[3])
        (Get-ChangeRequest -Customer globex -Status Approved).ChangeId | Should -Be @($Ids[2])
    }

    It 'filters by -Text in the title, the tickets and the id' {
        (Get-ChangeRequest -Text 'NETWORK').ChangeId | Sort-Object | Should -Be (@($Ids[0], $Ids[3]) | Sort-Object)
        (Get-ChangeRequest -Text 'CHG0000101').ChangeId | Should -Be @($Ids[0])
        (Get-ChangeRequest -Text $Ids[4]).ChangeId | Should -Be @($Ids[4])
        Get-ChangeRequest -Text 'no such words' | Should -BeNullOrEmpty
    }

    It 'filters by the implementation window with -From and -To' {
        (Get-ChangeRequest -From '2027-12-09T00:00:00Z' -To '2027-12-16T00:00:00Z').ChangeId | Sort-Object |
            Should -Be (@($Ids[2], $Ids[3]) | Sort-Object)
        (Get-ChangeRequest -From '2027-12-18T00:00:00Z').ChangeId | Should -Be @($Ids[4])
        (Get-ChangeRequest -To '2027-12-02T00:00:00Z').ChangeId | Should -Be @($Ids[0])
        (Get-ChangeRequest -From '2027-12-01T10:30:00Z' -To '2027-12-01T10:45:00Z').ChangeId | Should -Be @($Ids[0]) -Because 'a window inside the change overlaps it'
    }

    It 'returns at most -First changes' {
        $three = @(Get-ChangeRequest -First 3)
        $three.Count | Should -Be 3
        $three.ChangeId | ForEach-Object { $Ids | Should -Contain $_ }
        @(Get-ChangeRequest -First 2 -Customer acme).Count | Should -Be 2
        @(Get-ChangeRequest -First 10).Count | Should -Be 5
    }
}

Describe '-WhatIf on every state-changing cmdlet' {
    BeforeAll {
        Use-FreshStore
        New-SesContactList -All | Out-Null
        Add-SesContact -Customer acme, globex -EmailAddress 'approver@example.test' -Topic aws-approval | Out-Null
        # Each step's messages are processed before the next: two triggers of one change in one
        # batch would leave one to retry a second later, and the queues must start empty.
        $script:Targets = @{
            Draft = New-CompleteDraft -Title 'Draft under WhatIf'
            Submitted = New-CompleteDraft -Title 'Submitted under WhatIf' | Submit-ChangeRequest
            Approved = New-CompleteDraft -Title 'Approved under WhatIf' | Submit-ChangeRequest
        }
        Invoke-SqsChangeMessage -All | Out-Null
        $Targets.Approved = $Targets.Approved | Approve-ChangeRequest
        Invoke-SqsChangeMessage -All | Out-Null
        function Get-State([string] $Id) {
            $change = Get-ChangeRequest -ChangeId $Id
            "$($change.Status) v$($change.Version) '$($change.ChangeTitle)' $($change.ModifiedAt.ToString('o')) $($change.Modifications.Count)"
        }
    }

    It '<Command> -WhatIf changes nothing and queues nothing' -ForEach @(
        @{ Command = 'Set-ChangeRequest'; Target = 'Draft'; Extra = @{ Title = 'Changed' } }
        @{ Command = 'Submit-ChangeRequest'; Target = 'Draft'; Extra = @{} }
        @{ Command = 'Approve-ChangeRequest'; Target = 'Submitted'; Extra = @{} }
        @{ Command = 'Complete-ChangeRequest'; Target = 'Approved'; Extra = @{} }
        @{ Command = 'Stop-ChangeRequest'; Target = 'Approved'; Extra = @{} }
        @{ Command = 'Remove-ChangeRequest'; Target = 'Draft'; Extra = @{} }
    ) {
        $id = $Targets[$Target].ChangeId
        $before = Get-State $id
        & $Command -ChangeId $id @Extra -WhatIf | Should -BeNullOrEmpty
        Get-State $id | Should -Be $before
        Invoke-SqsChangeMessage -All -WhatIf | Should -BeNullOrEmpty
    }

    It 'New-ChangeRequest -WhatIf creates nothing' {
        $before = @(Get-ChangeRequest).Count
        New-ChangeRequest -Title 'Never written' -Customer acme -WhatIf | Should -BeNullOrEmpty
        New-ChangeRequest -Path $SubmittedFixture -WhatIf | Should -BeNullOrEmpty
        @(Get-ChangeRequest).Count | Should -Be $before
    }
}

Describe 'Triggers on the customers'' queues' {
    BeforeAll {
        Use-FreshStore
        New-SesContactList -All | Out-Null
        Add-SesContact -Customer acme, globex -EmailAddress 'approver@example.test' -Topic aws-approval | Out-Null
    }

    It 'queues nothing for a draft, or for an edited draft' {
        $draft = New-CompleteDraft
        Set-ChangeRequest -ChangeId $draft.ChangeId -Title 'Still a draft' | Out-Null
        Invoke-SqsChangeMessage -All -WhatIf | Should -BeNullOrEmpty
    }

    It 'queues one message for each customer of a submitted change, and none for the others' {
        $submitted = New-CompleteDraft -Customer acme, globex | Submit-ChangeRequest
        $messages = @(Invoke-SqsChangeMessage -All -WhatIf)
        $messages.CustomerCode | Sort-Object | Should -Be @('acme', 'globex')
        foreach ($message in $messages) {
            $message.Outcome | Should -Be 'Completed'
            $message.Deliveries[0].ChangeId | Should -Be $submitted.ChangeId
            $message.Deliveries[0].Version | Should -Be 2
            $message.Deliveries[0].Notifications[0].Kind | Should -Be 'ApprovalRequest'
        }
        Invoke-SqsChangeMessage -Customer initech, umbrella -WhatIf | Should -BeNullOrEmpty
    }

    It 'queues the approval for every customer once the messages of the submission are processed' {
        Invoke-SqsChangeMessage -All | Out-Null
        Invoke-SqsChangeMessage -All -WhatIf | Should -BeNullOrEmpty
        $approved = Get-ChangeRequest -Status Submitted | Approve-ChangeRequest
        $messages = @(Invoke-SqsChangeMessage -All -WhatIf)
        $messages.CustomerCode | Sort-Object | Should -Be @('acme', 'globex')
        $messages.Deliveries.Notifications.Kind | ForEach-Object ToString | Sort-Object -Unique | Should -Be @('Announcement', 'CalendarInvite')
        $messages.Deliveries.Version | Sort-Object -Unique | Should -Be $approved.Version
    }
}

Describe 'Wall-clock times on a computer in another time zone' {
    BeforeAll {
        Use-FreshStore
        # The cmdlets in a fresh pwsh whose own zone is New York (TZ is read when the process starts).
        function Invoke-InNewYork([string] $Script) {
            $exe = [Environment]::ProcessPath
            $arguments = @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$(Join-Path $Root 'out/ChangeMgmt')'; $Script")
            if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
            $saved = $env:TZ
            try {
                $env:TZ = 'America/New_York'
                $output = & $exe @arguments
            } finally { $env:TZ = $saved }
            if ($LASTEXITCODE -ne 0) { throw "child pwsh failed ($LASTEXITCODE): $output" }
            $output
        }
    }

    It 'reads -Start, -End and CSV rows in -TimeZone (DST gap and overlap as the portal does), never in the computer''s zone' {
        $csv = Join-Path (New-TempDir) 'changes.csv'
        @(
            'Title,Customer,Start,End,TimeZone'
            'Winter,acme,2026-12-10 20:00,2026-12-10T21:00,Europe/Berlin'
            'Spring forward,acme,2026-03-29T02:30,2026-03-29T04:00,Europe/Berlin'
            'Fall back,acme,2026-10-25T02:30,2026-10-25T04:00,Europe/Berlin'
        ) | Set-Content -LiteralPath $csv
        $result = Invoke-InNewYork @"
`$fromParameters = New-ChangeRequest -Title 'Parameters' -Customer acme -Start '2026-12-10T20:00' -End '2026-12-10 21:00' -TimeZone Europe/Berlin
`$edited = Set-ChangeRequest -ChangeId `$fromParameters.ChangeId -Start '2026-07-01T20:00' -End '2026-07-01T21:00'
`$fromCsv = @(Import-Csv -LiteralPath '$csv' | New-ChangeRequest)
[TimeZoneInfo]::Local.Id
@(`$fromParameters, `$edited) + `$fromCsv | ForEach-Object { `$_.ImplementationStart.ToString('o'); `$_.ImplementationEnd.ToString('o') }
"@
        $zone, $times = $result
        $zone | Should -Be 'America/New_York' -Because 'the child process runs in New York'
        $times | Should -Be @(
            '2026-12-10T20:00:00.0000000+01:00', '2026-12-10T21:00:00.0000000+01:00'   # -Start/-End
            '2026-07-01T20:00:00.0000000+02:00', '2026-07-01T21:00:00.0000000+02:00'   # Set-ChangeRequest keeps the change's zone
            '2026-12-10T20:00:00.0000000+01:00', '2026-12-10T21:00:00.0000000+01:00'   # CSV
            '2026-03-29T03:30:00.0000000+02:00', '2026-03-29T04:00:00.0000000+02:00'   # 02:30 does not happen: moved on by the gap
            '2026-10-25T02:30:00.0000000+02:00', '2026-10-25T04:00:00.0000000+01:00'   # 02:30 happens twice: the first
        )
    }
}

Describe 'Get-ChangeRequest -Customer' {
    BeforeAll {
        Use-FreshStore
        $script:ForAcme = New-CompleteDraft -Title 'Acme only' -Customer acme
        $script:ForGlobex = New-CompleteDraft -Title 'Globex only' -Customer globex
        $script:ForBoth = New-CompleteDraft -Title 'Acme and globex' -Customer acme, globex
        $script:ForInitech = New-CompleteDraft -Title 'Initech only' -Customer initech
    }

    It 'takes several codes and wildcards, each change once' {
        @(Get-ChangeRequest -Customer acme, globex).ChangeId | Sort-Object |
            Should -Be (@($ForAcme.ChangeId, $ForGlobex.ChangeId, $ForBoth.ChangeId) | Sort-Object)
        @(Get-ChangeRequest -Customer 'glob*').ChangeId | Sort-Object | Should -Be (@($ForGlobex.ChangeId, $ForBoth.ChangeId) | Sort-Object)
        @(Get-ChangeRequest -Customer 'nomatch*') | Should -BeNullOrEmpty -Because 'a wildcard that matches no customer selects nothing, not everything'
    }

    It 'takes customers from the pipeline by CustomerCode' {
        @(Get-ChangeMgmtCustomer -Customer acme, initech | Get-ChangeRequest).ChangeId | Sort-Object |
            Should -Be (@($ForAcme.ChangeId, $ForBoth.ChangeId, $ForInitech.ChangeId) | Sort-Object)
    }

    It 'gets the change itself for a piped object that names a change and a customer (a delivery record)' {
        $got = @([pscustomobject]@{ ChangeId = $ForBoth.ChangeId; CustomerCode = 'acme' } | Get-ChangeRequest)
        $got.ChangeId | Should -Be $ForBoth.ChangeId
        $got[0].GetType().FullName | Should -Be 'ChangeMgmt.Core.Changes.Change'
        { Get-ChangeRequest -ChangeId $ForAcme.ChangeId -Customer acme } | Should -Throw -ErrorId 'ChangeIdWithSearch,*'
    }

    It 'reports an unknown customer code as CustomerNotFound, naming it' {
        $errs = Get-ErrorRecords { Get-ChangeRequest -Customer acme, nope }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*'
        $errs[0].TargetObject | Should -Be 'nope'
        $errs[0].Exception.Message | Should -Match "'nope'"
        @(Get-ChangeRequest -Customer acme, nope -ErrorAction SilentlyContinue).ChangeId | Sort-Object |
            Should -Be (@($ForAcme.ChangeId, $ForBoth.ChangeId) | Sort-Object)
    }
}
