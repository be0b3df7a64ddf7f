#Requires -Modules Pester
# Ctrl+C (StopProcessing) stops the work in flight cleanly: nothing sent twice, nothing lost.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    Import-Module $ModulePath -Force

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $Work | Out-Null
    Copy-Item (Join-Path $Root 'examples/SESConfig.json') $Work
    $config = Get-Content (Join-Path $Root 'examples/config.json') -Raw | ConvertFrom-Json -AsHashtable
    $config.customer_mappings.acme.max_send_rate = 4   # 4 emails a second: 24 recipients take about 6 s
    $script:ConfigPath = Join-Path $Work 'config.json'
    $config | ConvertTo-Json -Depth 20 | Set-Content $ConfigPath
    $script:DataDir = (New-Item -ItemType Directory -Path (Join-Path $Work 'data')).FullName
    $script:Outbox = Join-Path $DataDir 'outbox/acme'
    $script:Common = @{ ConfigPath = $ConfigPath; DataDirectory = $DataDir }
    $env:CHANGEMGMT_BACKUP_DIR = Join-Path $Work 'backups'

    $script:Recipients = 1..24 | ForEach-Object { "person$_@acme.example" }
    New-SesContactList -Customer acme @Common | Out-Null
    Add-SesContact -Customer acme -EmailAddress $Recipients -Topic aws-approval @Common | Out-Null
    $start = [datetimeoffset]::UtcNow.AddMinutes(-10)   # under way: a window that has ended is not submitted
    $change = New-ChangeRequest @Common -Title 'Stop test' -Customer acme -Reason r -ImplementationPlan p -TestPlan t `
        -CustomerImpact none -RollbackPlan rb -Start $start -End $start.AddHours(1) -TimeZone UTC |
        Submit-ChangeRequest @Common
    $script:ChangeId = $change.ChangeId

    function Get-SentTo {
        @(Get-ChildItem $Outbox -Filter *.eml -ErrorAction SilentlyContinue |
            ForEach-Object { (Select-String -Path $_.FullName -Pattern '^To: (.+)$' | Select-Object -First 1).Matches[0].Groups[1].Value.Trim() })
    }
}

AfterAll {
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
    $env:CHANGEMGMT_BACKUP_DIR = $null
}

Describe 'Stopping a send (Ctrl+C)' {
    It 'stops the send in flight; a second run sends the rest, nobody twice' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $ConfigPath, $DataDir, $ChangeId)
                    Import-Module $Module
                    Send-ChangeNotification -ChangeId $ChangeId -Customer acme -ConfigPath $ConfigPath -DataDirectory $DataDir
                }).AddArgument($ModulePath).AddArgument($ConfigPath).AddArgument($DataDir).AddArgument($ChangeId)
            $running = $ps.BeginInvoke()
            # Wait until sending has visibly begun (polls state, bounded), then press "Ctrl+C".
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-SentTo).Count -lt 2 -and -not $running.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }

        $firstRun = Get-SentTo
        $firstRun.Count | Should -BeGreaterThan 0
        $firstRun.Count | Should -BeLessThan $Recipients.Count

        $delivery = Send-ChangeNotification -ChangeId $ChangeId -Customer acme @Common
        $all = Get-SentTo
        $all.Count | Should -Be $Recipients.Count
        ($all | Sort-Object -Unique).Count | Should -Be $Recipients.Count
        $delivery.Notifications[0].AlreadySent | Should -Be $firstRun.Count
        $delivery.Notifications[0].Sent | Should -Be ($Recipients.Count - $firstRun.Count)
    }
}
