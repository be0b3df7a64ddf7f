#Requires -Modules Pester
# New/Get/Revoke-ChangeCalendarFeed in local mode: every Describe works in its own fresh data directory, with
# examples/config.json (acme, globex, initech, umbrella). The feeds' key is derived from the data directory's token.key.
BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalStore.ps1')
}

AfterAll { Restore-LocalStoreSetup }

Describe 'Issuing, listing and revoking feeds' {
    BeforeAll {
        Use-FreshStore
        $script:Acme = New-ChangeCalendarFeed -Customer acme
        $script:All = New-ChangeCalendarFeed -All
    }

    It 'New-ChangeCalendarFeed outputs the feed URL with its token, once' {
        $Acme.TokenId | Should -Match '^cf-[0-9a-f]{24}$'
        $Acme.Customer | Should -Be 'acme'
        $Acme.Feed.IssuedBy | Should -Be $User
        $Acme.Url | Should -BeLike 'http://127.0.0.1:5080/calendar/acme.ics?token=*'
        $All.Url | Should -BeLike '*/calendar/all.ics?token=*'
        $All.Customer | Should -BeNullOrEmpty
    }

    It 'makes the token secret file in the data directory, readable by its owner only' {
        $key = Join-Path $env:CHANGEMGMT_DATA_DIR 'token.key'
        (Get-Item $key).Length | Should -Be 32
        if (-not $IsWindows) { (Get-Item $key).UnixFileMode | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite') }
    }

    It 'Get-ChangeCalendarFeed lists the feeds, never a token, and filters by customer' {
        $feeds = Get-ChangeCalendarFeed
        $feeds.TokenId | Sort-Object | Should -Be (@($Acme.TokenId, $All.TokenId) | Sort-Object)
        ($feeds | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($Acme.Token.Split('.')[1]))
        (Get-ChangeCalendarFeed -Customer 'ac*').TokenId | Should -Be $Acme.TokenId
        (Get-ChangeCalendarFeed -Customer all).TokenId | Should -Be $All.TokenId
    }

    It 'Revoke-ChangeCalendarFeed -WhatIf revokes nothing' {
        Revoke-ChangeCalendarFeed $Acme.TokenId -WhatIf
        (Get-ChangeCalendarFeed $Acme.TokenId).RevokedAt | Should -BeNullOrEmpty
    }

    It 'Revoke-ChangeCalendarFeed from the pipeline marks the feed revoked and keeps it for audit' {
        $revoked = Get-ChangeCalendarFeed -Customer acme | Revoke-ChangeCalendarFeed -Confirm:$false

        $revoked.RevokedBy | Should -Be $User
        (Get-ChangeCalendarFeed).TokenId | Should -Be $All.TokenId
        (Get-ChangeCalendarFeed -IncludeRevoked).TokenId | Should -Contain $Acme.TokenId
    }
}

Describe 'Errors' {
    BeforeAll { Use-FreshStore }

    It 'an unknown customer is CustomerNotFound for it, and the others are issued' {
        $issued = New-ChangeCalendarFeed -Customer hooli, globex -ErrorVariable failed -ErrorAction SilentlyContinue

        $issued.Customer | Should -Be 'globex'
        $failed.FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*'
    }

    It 'an unknown token id is CalendarFeedNotFound' {
        Revoke-ChangeCalendarFeed cf-000000000000000000000000 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        Get-ChangeCalendarFeed '../archive/x' -ErrorVariable failedGet -ErrorAction SilentlyContinue

        $failed.FullyQualifiedErrorId | Should -BeLike 'CalendarFeedNotFound,*'
        $failedGet.FullyQualifiedErrorId | Should -BeLike 'CalendarFeedNotFound,*'
    }

    It 'New-ChangeCalendarFeed -WhatIf issues nothing' {
        New-ChangeCalendarFeed -Customer acme -WhatIf | Should -BeNullOrEmpty
        Get-ChangeCalendarFeed -IncludeRevoked | Where-Object Customer -EQ acme | Should -BeNullOrEmpty
    }
}
