#Requires -Modules Pester
# Add/Get/Set/Remove-ChangeFreeze in local mode, run from a directory outside the repository: every Describe works in
# its own fresh data directory (one changemgmt.db), with examples/config.json (acme, globex, initech, umbrella).
BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalStore.ps1')

    # Global: Mondays 09:00-10:00 London time. acme: Saturday nights 22:00-02:00 London time (across the night the clocks go
    # forward). Further arguments (-WhatIf) go to Add-ChangeFreeze.
    function Add-GlobalFreeze {
        Add-ChangeFreeze -Name 'Monday reviews' -Reason 'Change board meets.' -Start 2027-03-22T09:00 -End 2027-03-22T10:00 `
            -TimeZone Europe/London -Recurrence 'FREQ=WEEKLY;BYDAY=MO' @args
    }
    function Add-AcmeFreeze {
        Add-ChangeFreeze -Name 'Acme batch' -Reason 'Weekend batch runs.' -Customer 'acm*' -Start 2027-03-20T22:00 -End 2027-03-21T02:00 `
            -TimeZone Europe/London -Recurrence 'FREQ=WEEKLY;BYDAY=SA' @args
    }
}

AfterAll { Restore-LocalStoreSetup }

Describe 'Recurring freezes, global and per customer' {
    BeforeAll {
        Use-FreshStore
        Push-Location (New-Folder)
        $script:Global = Add-GlobalFreeze
        $script:Acme = Add-AcmeFreeze
    }
    AfterAll { Pop-Location }

    It 'Add-ChangeFreeze stores each as version 1 (no customers: global; wildcards expanded)' {
        $Global.FreezeId | Should -Match '^FRZ-\d{8}-[A-Z0-9]{6}$'
        $Global.IsGlobal | Should -BeTrue
        $Global.Version | Should -Be 1
        $Global.CreatedBy | Should -Be $User
        $Global.Start | Should -Be ([DateTimeOffset] '2027-03-22T09:00:00Z')
        $Acme.Customers | Should -Be @('acme')
        $Acme.Timezone | Should -Be 'Europe/London'
        $Acme.Recurrence | Should -Be 'FREQ=WEEKLY;BYDAY=SA'
    }

    It 'Get-ChangeFreeze lists both, by id and for a customer (theirs and the global ones)' {
        (Get-ChangeFreeze).FreezeId | Sort-Object | Should -Be (@($Global.FreezeId, $Acme.FreezeId) | Sort-Object)
        (Get-ChangeFreeze -Customer acme).FreezeId | Sort-Object | Should -Be (@($Global.FreezeId, $Acme.FreezeId) | Sort-Object)
        (Get-ChangeFreeze -Customer globex).FreezeId | Should -Be @($Global.FreezeId)
        (Get-ChangeFreeze $Acme.FreezeId).Name | Should -Be 'Acme batch'
    }

    It 'lists their occurrences across the March DST change, keeping the wall clock in Europe/London' {
        $windows = Get-ChangeFreeze -From '2027-03-20T00:00:00Z' -To '2027-04-05T00:00:00Z'

        $windows | ForEach-Object { '{0} {1:u}' -f $_.Name, $_.StartUtc } | Should -Be @(
            'Acme batch 2027-03-20 22:00:00Z'
            'Monday reviews 2027-03-22 09:00:00Z'
            'Acme batch 2027-03-27 22:00:00Z'
            'Monday reviews 2027-03-29 08:00:00Z'
            'Acme batch 2027-04-03 21:00:00Z')
        $windows.Start.Hour | Should -Be @(22, 9, 22, 9, 22)
        $windows.Start.Offset.TotalHours | Should -Be @(0, 0, 0, 1, 1)
        # The night the clocks go forward: 22:00 GMT to 02:00 BST is three hours.
        ($windows[2].EndUtc - $windows[2].StartUtc).TotalHours | Should -Be 3
        ($windows[4].EndUtc - $windows[4].StartUtc).TotalHours | Should -Be 4
        (Get-ChangeFreeze -Customer globex -From '2027-03-20T00:00:00Z' -To '2027-04-05T00:00:00Z').Name | Should -Be @('Monday reviews', 'Monday reviews')
    }

    It 'shows freezes and occurrences in their table views, headed by property names' {
        $table = (Get-ChangeFreeze | Format-Table | Out-String -Width 300)
        $table | Should -Match 'FreezeId\s+Name\s+Customers\s+Timezone'
        $table | Should -Match '\(all\)'
        (Get-ChangeFreeze -From '2027-03-20T00:00:00Z' -To '2027-03-23T00:00:00Z' | Format-Table | Out-String -Width 300) | Should -Match 'StartUtc\s+EndUtc'
    }
}

Describe '-WhatIf writes nothing' {
    BeforeAll {
        Use-FreshStore
        $script:Freeze = Add-GlobalFreeze
    }

    It 'Add-, Set- and Remove-ChangeFreeze -WhatIf leave the store as it was' {
        Add-AcmeFreeze -WhatIf | Should -BeNullOrEmpty
        Set-ChangeFreeze $Freeze.FreezeId -Name 'Never' -WhatIf | Should -BeNullOrEmpty
        $Freeze | Remove-ChangeFreeze -WhatIf

        $after = Get-ChangeFreeze -IncludeRemoved
        $after.FreezeId | Should -Be @($Freeze.FreezeId)
        $after.Version | Should -Be 1
        $after.Name | Should -Be 'Monday reviews'
        $after.DeletedAt | Should -BeNullOrEmpty
    }
}

Describe 'Refusals' {
    BeforeAll { Use-FreshStore }

    It 'a bad RRULE is FreezeInvalid naming the recurrence field, even with -WhatIf, and nothing is stored' {
        foreach ($whatIf in $false, $true) {
            Add-ChangeFreeze -Name 'Bad rule' -Reason 'Test.' -StartDate 2026-12-24 -EndDate 2026-12-26 -TimeZone Europe/London `
                -Recurrence 'FREQ=SOMETIMES' -WhatIf:$whatIf -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'FreezeInvalid,*'
            $errors[0].Exception.Message | Should -Match "recurrence: 'FREQ=SOMETIMES' is not an RFC 5545 RRULE value"
        }
        Get-ChangeFreeze -IncludeRemoved | Should -BeNullOrEmpty
    }

    It 'a -Customer pattern that matches no customer is refused, not read as a global freeze' {
        Add-ChangeFreeze -Name 'Nobody' -Reason 'Test.' -Customer 'zz*' -StartDate 2026-12-24 -EndDate 2026-12-26 -TimeZone UTC `
            -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FreezeInvalid,*'
        $errors[0].Exception.Message | Should -Match 'customers: -Customer zz\* matches no configured customer'
        Get-ChangeFreeze -IncludeRemoved | Should -BeNullOrEmpty
    }

    It 'a stale -Version is FreezeVersionConflict and writes nothing' {
        $freeze = Add-GlobalFreeze
        $edited = $freeze | Set-ChangeFreeze -Reason 'Board moved.'
        $edited.Version | Should -Be 2
        $freeze | Remove-ChangeFreeze -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FreezeVersionConflict,*'
        (Get-ChangeFreeze $freeze.FreezeId).Version | Should -Be 2
    }
}

Describe 'Removal' {
    BeforeAll {
        Use-FreshStore
        Push-Location (New-Folder)
    }
    AfterAll { Pop-Location }

    It 'Remove-ChangeFreeze -Confirm:$false removes (kept, marked); Get lists it only with -IncludeRemoved' {
        $keep = Add-GlobalFreeze
        $gone = Add-AcmeFreeze

        Remove-ChangeFreeze $gone.FreezeId -Confirm:$false | Should -BeNullOrEmpty

        (Get-ChangeFreeze).FreezeId | Should -Be @($keep.FreezeId)
        $removed = Get-ChangeFreeze -IncludeRemoved | Where-Object FreezeId -EQ $gone.FreezeId
        $removed.DeletedBy | Should -Be $User
        $removed.Version | Should -Be 2
        (Get-ChangeFreeze -From '2027-03-20T00:00:00Z' -To '2027-04-05T00:00:00Z').FreezeId | Select-Object -Unique | Should -Be @($keep.FreezeId)
        Get-ChangeFreeze $gone.FreezeId -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FreezeNotFound,*'
        (Get-ChangeFreeze $gone.FreezeId -Version 1).Name | Should -Be 'Acme batch'
    }

    It 'Get-ChangeFreeze | Remove-ChangeFreeze removes every listed freeze' {
        Add-AcmeFreeze | Out-Null
        @(Get-ChangeFreeze).Count | Should -Be 2

        Get-ChangeFreeze | Remove-ChangeFreeze -Confirm:$false

        Get-ChangeFreeze | Should -BeNullOrEmpty
        @(Get-ChangeFreeze -IncludeRemoved).Count | Should -Be 3
    }
}

Describe 'A change whose window runs into a freeze' {
    BeforeAll {
        Use-FreshStore
        $script:Freeze = Add-ChangeFreeze -Name 'Quarter close' -Reason 'Finance closes the books.' -Customer acme `
            -Start 2027-06-30T00:00 -End 2027-07-01T00:00 -TimeZone UTC
        function New-FrozenChange([string] $Title) {
            New-ChangeRequest -Title $Title -Customer acme -Reason 'Patch.' -ImplementationPlan 'Roll.' -TestPlan 'Check.' `
                -CustomerImpact 'None.' -RollbackPlan 'Back.' -Start 2027-06-30T10:00 -End 2027-06-30T11:00 -TimeZone UTC
        }
    }

    It 'is refused at submit with ChangeFrozen naming the freeze, and stays a draft' {
        $change = New-FrozenChange 'Patch during close'
        Submit-ChangeRequest $change.ChangeId -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ChangeFrozen,*'
        $failed[0].Exception.Message | Should -Match ([regex]::Escape("Quarter close' ($($Freeze.FreezeId)"))
        (Get-ChangeRequest $change.ChangeId).Status | Should -Be 'Draft'
    }

    It 'is submitted as an emergency with a reason, which its history records' {
        $change = New-FrozenChange 'Emergency patch'
        $submitted = Submit-ChangeRequest $change.ChangeId -Emergency -Reason 'Actively exploited CVE.'
        $submitted.Status | Should -Be 'Submitted'
        $last = $submitted.Modifications[-1]
        $last.Reason | Should -Be 'Actively exploited CVE.'
        $last.Overrides | Should -Contain 'emergency'
    }

    It 'needs a reason for -Emergency' {
        $change = New-FrozenChange 'No reason'
        { Submit-ChangeRequest $change.ChangeId -Emergency } | Should -Throw -ErrorId 'ReasonRequired,*'
        (Get-ChangeRequest $change.ChangeId).Status | Should -Be 'Draft'
    }
}
