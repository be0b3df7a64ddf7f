#Requires -Modules Pester
# Issue 17 points 8-10: tab completion, output that filters and exports, the order of -All output,
# progress with time left. Local mode with examples/config.json; each Describe has its own data directory.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    Import-Module $ModulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

    $script:ExampleConfig = Join-Path $Root 'examples/config.json'
    $script:Cfg = @{ ConfigPath = $ExampleConfig }
    $script:Customers = 'acme', 'globex', 'initech', 'umbrella'
    $script:SavedEnv = @{}
    foreach ($name in 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_BACKUP_DIR') { $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name) }

    # A new directory under Pester's TestDrive (removed after each Describe).
    function New-TempDir {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([Guid]::NewGuid().ToString('n')))).FullName
    }

    function Use-FreshStore {
        $env:CHANGEMGMT_DATA_DIR = New-TempDir
        $env:CHANGEMGMT_BACKUP_DIR = New-TempDir
    }

    # What TabExpansion2 offers at the end of a command line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    function New-Draft([string] $Title, [string[]] $Customer) {
        $start = [datetimeoffset]::UtcNow.AddDays(7)
        New-ChangeRequest -Title $Title -Customer $Customer -Reason 'r' -ImplementationPlan 'p' -TestPlan 't' `
            -CustomerImpact 'i' -RollbackPlan 'b' -Start $start -End $start.AddHours(1) -TimeZone 'Europe/London' @Cfg
    }

    # A .NET type of the module by full name, from whichever load context holds it.
    function Find-ModuleType([string] $FullName) {
        foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
            if ($assembly.GetName().Name -notlike 'ChangeMgmt*') { continue }
            $type = $assembly.GetType($FullName, $false)
            if ($type) { return $type }
        }
    }
}

AfterAll {
    Restore-Environment $SavedEnv
}

Describe 'Tab completion (issue 17 point 8)' {
    BeforeAll {
        Use-FreshStore
        # A directory of its own with config.json and SESConfig.json: the process directory (where pwsh started) has neither.
        $script:ConfigDir = New-TempDir
        Copy-Item (Join-Path $Root 'examples/config.json'), (Join-Path $Root 'examples/SESConfig.json') $ConfigDir
        $script:Change = New-Draft 'Completion target' 'acme'
    }

    BeforeEach { Push-Location $ConfigDir }
    AfterEach { Pop-Location }

    It '-Customer completes from ./config.json of the current PowerShell location, not the process directory' {
        [Environment]::CurrentDirectory | Should -Not -Be $ConfigDir
        Test-Path (Join-Path ([Environment]::CurrentDirectory) 'config.json') | Should -BeFalse
        Get-Completion 'Get-SesContact -Customer ' | Should -Be $Customers
        Get-Completion 'Get-SesContact -Customer g' | Should -Be 'globex'
    }

    It '-Customer completes from a relative -ConfigPath against the current location' {
        Set-Location (Split-Path $ConfigDir -Parent)
        Get-Completion "Get-SesContact -ConfigPath ./$(Split-Path $ConfigDir -Leaf)/config.json -Customer i" | Should -Be 'initech'
    }

    It '-Topic completes the topics of SESConfig.json (expanded), on every cmdlet that takes one' {
        Get-Completion 'Get-SesContact -Topic aws-' | Should -Be 'aws-announce', 'aws-approval', 'aws-calendar'
        Get-Completion 'Add-SesContact -EmailAddress a@b.example -Topic fin' | Should -Be 'finops-announce'
        Get-Completion 'Set-SesContactSubscription -EmailAddress a@b.example -Topic gen' | Should -Be 'general-updates'
    }

    It '-TimeZone completes IANA zone ids by prefix' {
        Get-Completion 'New-ChangeRequest -TimeZone Europe/Lon' | Should -Be 'Europe/London'
        Get-Completion 'Set-ChangeRequest -ChangeId x -TimeZone America/New_' | Should -Be 'America/New_York'
    }

    It '-ChangeId completes the ids of the local store' {
        Get-Completion 'Get-ChangeRequest -ChangeId CHG' | Should -Contain $Change.ChangeId
        Get-Completion "Submit-ChangeRequest -ChangeId $($Change.ChangeId.Substring(0, 10))" | Should -Contain $Change.ChangeId
        Get-Completion 'Get-ChangeRequest -ChangeId NOPE' | Should -BeNullOrEmpty
    }

    It 'offers nothing, without an error, when the configuration cannot be read' {
        Set-Location (New-TempDir)
        Get-Completion 'Get-SesContact -Customer ' | Should -BeNullOrEmpty
        Get-Completion 'Get-SesContact -Topic ' | Should -BeNullOrEmpty
    }
}

Describe 'Table and list headers name real properties (issue 17 point 9)' {
    BeforeAll {
        # The deployment assembly loads on first use.
        Export-ChangeMgmtTemplate @Cfg -Path (Join-Path (New-TempDir) 't.json') -WhatIf -WarningAction SilentlyContinue | Out-Null
    }

    It 'every label in ChangeMgmt.Format.ps1xml is a property of its view''s type' {
        [xml] $format = Get-Content (Join-Path $ModulePath 'ChangeMgmt.Format.ps1xml') -Raw
        $missing = foreach ($view in $format.Configuration.ViewDefinitions.View) {
            $typeName = $view.ViewSelectedBy.TypeName
            $type = Find-ModuleType $typeName
            if (-not $type) { "$($view.Name): type $typeName not found"; continue }
            $labels = @($view.SelectNodes('.//TableColumnHeader/Label | .//ListItem/Label | .//GroupBy/Label') | ForEach-Object InnerText)
            foreach ($label in $labels) {
                if (-not $type.GetProperty($label)) { "$($view.Name): $label" }
            }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'a header filters: Where-Object ChangeTitle finds the change the table shows' {
        Use-FreshStore
        $null = New-Draft 'Filter me' 'acme'
        $null = New-Draft 'Not me' 'globex'
        $table = Get-ChangeRequest @Cfg | Format-Table | Out-String
        $table | Should -Match 'ChangeTitle'
        @(Get-ChangeRequest @Cfg | Where-Object ChangeTitle -EQ 'Filter me').Count | Should -Be 1
    }
}

Describe 'Collections in Export-Csv (issue 17 point 9)' {
    BeforeAll {
        Use-FreshStore
        New-SesContactList -Customer acme @Cfg | Out-Null
        Add-SesContact -Customer acme -EmailAddress jane@acme.example -Topic aws-announce, aws-approval @Cfg | Out-Null
    }

    It 'a list property reads as its items joined with "; ", and stays a list' {
        $contact = Get-SesContact -Customer acme @Cfg
        $row = $contact | ConvertTo-Csv | ConvertFrom-Csv
        $row.SubscribedTopics | Should -Match '(^|; )aws-announce(; |$)'
        $row.SubscribedTopics | Should -Match '(^|; )aws-approval(; |$)'
        $row.SubscribedTopics | Should -Not -Match 'System\.Collections'
        $contact.SubscribedTopics -contains 'aws-announce' | Should -BeTrue
        ($contact | ConvertTo-Json | ConvertFrom-Json).SubscribedTopics | Should -Contain 'aws-approval'
    }

    It 'keeps the record''s columns in declaration order and its .NET type' {
        $contact = Get-SesContact -Customer acme @Cfg
        $contact.GetType().FullName | Should -Be 'ChangeMgmt.Core.Administration.CustomerContact'
        ($contact | ConvertTo-Csv)[0] | Should -BeLike '"CustomerCode","ContactListName","EmailAddress",*'
    }

    It 'applies to every output type with a list: a change''s customers, a topic''s opt-in roles' {
        $change = New-Draft 'Two customers' 'acme', 'globex'
        ($change | ConvertTo-Csv | ConvertFrom-Csv).Customers | Should -Be 'acme; globex'
        (Get-ChangeRequest @Cfg | ConvertTo-Csv | ConvertFrom-Csv).Customers | Should -Be 'acme; globex'
        $topic = Get-SesTopic -TopicName aws-calendar @Cfg
        ($topic | ConvertTo-Csv | ConvertFrom-Csv).OptInRoles | Should -Be ($topic.OptInRoles -join '; ')
    }
}

Describe 'Enums as words in ConvertTo-Json (issue 17 point 9)' {
    BeforeAll { Use-FreshStore }

    It 'a change''s status and a suppression''s reason are written by name' {
        $json = New-Draft 'Enum names' 'acme' | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Status | Should -Be 'Draft'
        $suppressed = Add-SesSuppression -Customer acme -EmailAddress gone@acme.example -Reason Bounce -Confirm:$false @Cfg | ConvertTo-Json | ConvertFrom-Json
        $suppressed.Reason | Should -Be 'Bounce'
    }

    It 'holds for every enum any cmdlet''s output reaches (three levels of properties)' {
        $seen = @{}
        $enums = [Collections.Generic.List[type]]::new()
        function Find-Enum([type] $Type, [int] $Depth) {
            $Type = [Nullable]::GetUnderlyingType($Type) ?? $Type
            if ($Type.IsEnum) { if ($Type.Assembly.GetName().Name -like 'ChangeMgmt*') { $enums.Add($Type) }; return }
            if ($Type.IsArray) { Find-Enum $Type.GetElementType() $Depth; return }
            if ($Type.IsGenericType) { foreach ($argument in $Type.GetGenericArguments()) { Find-Enum $argument $Depth } }
            if ($Depth -gt 3 -or $Type.Namespace -notlike 'ChangeMgmt*' -or $seen[$Type.FullName]) { return }
            $seen[$Type.FullName] = $true
            foreach ($property in $Type.GetProperties()) { Find-Enum $property.PropertyType ($Depth + 1) }
        }
        foreach ($type in (Get-Command -Module ChangeMgmt).OutputType.Type | Sort-Object FullName -Unique) { Find-Enum $type 0 }

        $enums.Count | Should -BeGreaterThan 10
        foreach ($enum in $enums) {
            $value = [Enum]::GetValues($enum)[0]
            [pscustomobject]@{ Value = $value } | ConvertTo-Json -Compress | Should -Be "{`"Value`":`"$value`"}" -Because "$($enum.FullName) is written by name"
        }
    }
}

Describe '-All output in customer order (issue 17 point 9)' {
    BeforeAll {
        Use-FreshStore
        New-SesContactList -All @Cfg | Out-Null
        # acme, first in order, has the most work: the others finish first.
        $addresses = 1..150 | ForEach-Object { "user$_@acme.example" }
        Add-SesContact -Customer acme -EmailAddress $addresses @Cfg | Out-Null
        foreach ($code in 'globex', 'initech', 'umbrella') { Add-SesContact -Customer $code -EmailAddress "one@$code.example" @Cfg | Out-Null }
    }

    It 'Get-SesContact -All writes every customer''s contacts together, customers by code' {
        $codes = @(Get-SesContact -All -ThrottleLimit 4 @Cfg | ForEach-Object CustomerCode)
        $codes.Count | Should -Be 153
        ($codes | Select-Object -Unique) | Should -Be $Customers
        $codes | Should -Be ($codes | Sort-Object)
    }

    It 'holds for other -All cmdlets: contact lists and topics' {
        @(Get-SesContactList -All -ThrottleLimit 4 @Cfg).CustomerCode | Should -Be $Customers
        $topicCustomers = @(Get-SesTopic -All -ThrottleLimit 4 @Cfg | ForEach-Object CustomerCode)
        ($topicCustomers | Select-Object -Unique) | Should -Be $Customers
    }

    It '-Customer keeps the order given' {
        @(Get-SesContactList -Customer umbrella, acme, globex @Cfg).CustomerCode | Should -Be 'umbrella', 'acme', 'globex'
    }
}

Describe 'Progress with time left (issue 17 point 10)' {
    BeforeAll {
        Use-FreshStore
        New-SesContactList -Customer acme, globex @Cfg | Out-Null
        $script:ContactCount = 40
        Add-SesContact -Customer acme -EmailAddress (1..$ContactCount | ForEach-Object { "p$_@acme.example" }) @Cfg | Out-Null
        $script:Backup = Backup-SesContactList -Customer acme @Cfg
        Remove-SesContactList -Customer acme -Confirm:$false @Cfg | Out-Null

        # Runs a command in its own PowerShell with progress shown, and returns one activity's progress records.
        function Get-ProgressRecord([scriptblock] $Command, [string] $Activity) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("`$ProgressPreference = 'Continue'; Import-Module '$ModulePath'").AddStatement()
                $null = $ps.AddScript($Command.ToString()).AddArgument($ExampleConfig)
                $null = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
                @($ps.Streams.Progress | Where-Object Activity -EQ $Activity)
            }
            finally { $ps.Dispose() }
        }
    }

    It 'a restore reports rising percentages with seconds remaining, then 100% Completed' {
        $records = Get-ProgressRecord ([scriptblock]::Create(
                "param(`$config) Restore-SesContactList -Path '$($Backup.Path)' -Confirm:`$false -ConfigPath `$config | Out-Null")) 'Restoring acme contacts'
        $records.Count | Should -BeGreaterThan 2
        @($records | Where-Object SecondsRemaining -GT 0).Count | Should -BeGreaterThan 0
        $percents = @($records.PercentComplete)
        for ($i = 1; $i -lt $percents.Count; $i++) { $percents[$i] | Should -BeGreaterOrEqual $percents[$i - 1] }
        $percents[-1] | Should -BeGreaterThan $percents[0]
        $records[-1].PercentComplete | Should -Be 100
        $records[-1].RecordType | Should -Be 'Completed'
        $records[-1].SecondsRemaining | Should -Be 0
    }

    It 'adding contacts reports the same way' {
        $records = Get-ProgressRecord ([scriptblock]::Create(
                "param(`$config) Add-SesContact -Customer globex -EmailAddress (1..10 | ForEach-Object { `"q`$_@globex.example`" }) -ConfigPath `$config | Out-Null")) 'Adding contacts (globex)'
        @($records | Where-Object SecondsRemaining -GT 0).Count | Should -BeGreaterThan 0
        $records[-1].RecordType | Should -Be 'Completed'
    }
}
