#Requires -Modules Pester
# The Identity Center cmdlets against moto's Identity Store and SSO Admin (always AWS), with the
# contact import writing to the local SES adapter (-DataDirectory).
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    Import-Module $ModulePath -Force

    $script:SecurityGroup = 'ccoe-cloud-prod-123456789012-idp-billing-portal-security'
    $script:DevOpsGroup = 'ccoe-cloud-dev-210987654321-eu-west-1-idp-ci-cd-devops'

    # moto on a free port.
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $script:Moto = "http://127.0.0.1:$port"
    $script:MotoLog = Join-Path ([IO.Path]::GetTempPath()) "moto-identity-$port.log"
    $script:MotoProcess = Start-Process python3 -ArgumentList '-m', 'moto.server', '-H', '127.0.0.1', '-p', $port -PassThru -RedirectStandardOutput $MotoLog -RedirectStandardError "$MotoLog.err"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try { Invoke-WebRequest "$Moto/moto-api/" -TimeoutSec 2 | Out-Null; break }
        catch { if ([DateTime]::UtcNow -gt $deadline -or $MotoProcess.HasExited) { throw "moto did not start: $(Get-Content "$MotoLog.err" -Raw)" } }
        Start-Sleep -Milliseconds 200 # polling a process for readiness, not synchronising test steps
    }

    # The module talks to moto through the environment (identity is always AWS); restored in AfterAll.
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force
    $script:SavedEnv = Use-MotoEnvironment $Moto

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-identity-' + [Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $Work | Out-Null
    Copy-Item (Join-Path $Root 'examples/SESConfig.json') $Work
    $config = Get-Content (Join-Path $Root 'examples/config.json') -Raw | ConvertFrom-Json -AsHashtable
    foreach ($customer in $config.customer_mappings.Values) { $customer.region = 'us-east-1' }
    $script:ConfigPath = Join-Path $Work 'config.json'
    $config | ConvertTo-Json -Depth 20 | Set-Content $ConfigPath
    $script:RoleArn = $config.customer_mappings.acme.identity_center_role_arn

    # moto keeps an Identity Center instance and identity stores per account, and takes the account
    # from the access key: seed through the same role the cmdlets assume (moto's STS accepts any role),
    # so the seeded store is the one SSO Admin ListInstances gives in the customer's account.
    $sts = Invoke-WebRequest -Method Post "$Moto/" -Body @{ Action = 'AssumeRole'; Version = '2011-06-15'; RoleArn = $RoleArn; RoleSessionName = 'pester-seed' } `
        -Headers @{ Authorization = 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0' }
    $script:SeedKey = ([xml]$sts.Content).AssumeRoleResponse.AssumeRoleResult.Credentials.AccessKeyId

    # A JSON 1.1 call, routed by moto through the credential scope's service name.
    function Invoke-MotoJson([string] $Service, [string] $Target, [hashtable] $Body) {
        $headers = @{
            Authorization  = "AWS4-HMAC-SHA256 Credential=$SeedKey/20260101/us-east-1/$Service/aws4_request, SignedHeaders=host, Signature=0"
            'X-Amz-Target' = $Target
        }
        $response = Invoke-WebRequest -Method Post "$Moto/" -Headers $headers -ContentType 'application/x-amz-json-1.1' -Body ($Body | ConvertTo-Json -Depth 10 -Compress)
        [Text.Encoding]::UTF8.GetString($response.RawContentStream.ToArray()) | ConvertFrom-Json
    }
    function New-MotoUser([string] $Store, [string] $UserName, [string] $Given, [string] $Family, [string] $Email) {
        (Invoke-MotoJson identitystore 'AWSIdentityStore.CreateUser' @{
            IdentityStoreId = $Store; UserName = $UserName; DisplayName = "$Given $Family"
            Name = @{ GivenName = $Given; FamilyName = $Family }
            Emails = @(@{ Value = $Email; Type = 'work'; Primary = $true })
        }).UserId
    }
    function New-MotoGroup([string] $Store, [string] $DisplayName) {
        (Invoke-MotoJson identitystore 'AWSIdentityStore.CreateGroup' @{ IdentityStoreId = $Store; DisplayName = $DisplayName; Description = "$DisplayName people" }).GroupId
    }
    function Add-MotoMembership([string] $Store, [string] $GroupId, [string] $UserId) {
        Invoke-MotoJson identitystore 'AWSIdentityStore.CreateGroupMembership' @{ IdentityStoreId = $Store; GroupId = $GroupId; MemberId = @{ UserId = $UserId } } | Out-Null
    }

    $instances = @((Invoke-MotoJson sso 'SWBExternalService.ListInstances' @{}).Instances)
    $instances.Count | Should -Be 1
    $script:Store = $instances[0].IdentityStoreId
    $instances[0].OwnerAccountId | Should -Be ($RoleArn -split ':')[4]

    # sec: security (CCoE) + devops (CCoE) + everyone; dev: devops (CCoE) + everyone; plain: no group.
    $sec = New-MotoUser $Store 'sec' 'Sam' 'Secure' 'sec@acme.example'
    $dev = New-MotoUser $Store 'dev' 'Dana' 'Ops' 'dev@acme.example'
    New-MotoUser $Store 'plain' 'Pat' 'Plain' 'plain@acme.example' | Out-Null
    $security = New-MotoGroup $Store $SecurityGroup
    $devops = New-MotoGroup $Store $DevOpsGroup
    $everyone = New-MotoGroup $Store 'everyone'
    Add-MotoMembership $Store $security $sec
    Add-MotoMembership $Store $devops $sec
    Add-MotoMembership $Store $devops $dev
    Add-MotoMembership $Store $everyone $sec
    Add-MotoMembership $Store $everyone $dev

    $script:Common = @{ ConfigPath = $ConfigPath; Customer = 'acme'; ErrorAction = 'Stop' }
}

AfterAll {
    if ($MotoProcess -and -not $MotoProcess.HasExited) { Stop-Process -Id $MotoProcess.Id -Force }
    Restore-Environment $SavedEnv
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-IdentityCenterUser' {
    It 'lists every user of the store found by SSO Admin ListInstances' {
        $users = @(Get-IdentityCenterUser @Common -ExportDirectory (Join-Path $Work 'no-exports'))
        $users.Count | Should -Be 3
        ($users.UserName | Sort-Object) | Should -Be @('dev', 'plain', 'sec')
        $users.CustomerCode | Sort-Object -Unique | Should -Be 'acme'
        $users.IdentityStoreId | Sort-Object -Unique | Should -Be $Store
        ($users | Where-Object UserName -eq 'sec').Email | Should -Be 'sec@acme.example'
        ($users | Where-Object UserName -eq 'sec').DisplayName | Should -Be 'Sam Secure'
    }

    It 'gets one user by -UserName' {
        $user = @(Get-IdentityCenterUser @Common -IdentityStoreId $Store -UserName dev)
        $user.Count | Should -Be 1
        $user[0].UserName | Should -Be 'dev'
        $user[0].CustomerCode | Should -Be 'acme'
        $user[0].Email | Should -Be 'dev@acme.example'
        $user[0].IdentityStoreId | Should -Be $Store
        $user[0].UserId | Should -Not -BeNullOrEmpty
    }

    It 'reports an unknown user name as an error' {
        { Get-IdentityCenterUser @Common -IdentityStoreId $Store -UserName nobody } | Should -Throw
    }
}

Describe 'Identity Center readers are AWS only' {
    It '<_> has no -DataDirectory (it would do nothing)' -ForEach 'Get-IdentityCenterUser', 'Get-IdentityCenterGroupMembership', 'Export-IdentityCenterData' {
        (Get-Command $_).Parameters.Keys | Should -Not -Contain 'DataDirectory'
    }

    It 'Import-IdentityCenterContact keeps -DataDirectory (it writes contacts to local SES)' {
        (Get-Command Import-IdentityCenterContact).Parameters.Keys | Should -Contain 'DataDirectory'
    }

    It 'reads Identity Center on AWS while $env:CHANGEMGMT_DATA_DIR names a directory that does not exist' {
        $env:CHANGEMGMT_DATA_DIR = Join-Path $Work 'no-such-data-dir'
        try {
            $user = @(Get-IdentityCenterUser @Common -IdentityStoreId $Store -UserName dev)
            $user.UserName | Should -Be 'dev'
        }
        finally { $env:CHANGEMGMT_DATA_DIR = $null }
    }
}

Describe 'Get-IdentityCenterGroupMembership' {
    It 'shows each user with their groups by default (-View User)' {
        $users = @(Get-IdentityCenterGroupMembership @Common -IdentityStoreId $Store)
        $users.User.UserName | Should -Be @('dev', 'plain', 'sec')
        $sec = $users | Where-Object { $_.User.UserName -eq 'sec' }
        $sec.Groups.DisplayName | Should -Be @($DevOpsGroup, $SecurityGroup, 'everyone')
        $sec.Roles | Should -Be @('devops', 'security')
        ($sec.CcoeGroups | Where-Object Role -eq 'security').Application | Should -Be 'billing-portal'
        ($sec.CcoeGroups | Where-Object Role -eq 'security').AccountId | Should -Be '123456789012'
        ($users | Where-Object { $_.User.UserName -eq 'dev' }).Groups.DisplayName | Should -Be @($DevOpsGroup, 'everyone')
        @(($users | Where-Object { $_.User.UserName -eq 'plain' }).Groups).Count | Should -Be 0
        $users.IdentityStoreId | Sort-Object -Unique | Should -Be $Store
        $users.CustomerCode | Sort-Object -Unique | Should -Be 'acme'
        ($users | Out-String) | Should -Match 'CustomerCode: acme'
    }

    It 'shows each group with its members with -View Group' {
        $groups = @(Get-IdentityCenterGroupMembership @Common -IdentityStoreId $Store -View Group)
        $groups.Group.DisplayName | Should -Be @($DevOpsGroup, $SecurityGroup, 'everyone')
        ($groups | Where-Object { $_.Group.DisplayName -eq $DevOpsGroup }).Members.UserName | Should -Be @('dev', 'sec')
        ($groups | Where-Object { $_.Group.DisplayName -eq $SecurityGroup }).Members.UserName | Should -Be @('sec')
        ($groups | Where-Object { $_.Group.DisplayName -eq $SecurityGroup }).Ccoe.Role | Should -Be 'security'
        ($groups | Where-Object { $_.Group.DisplayName -eq 'everyone' }).Ccoe | Should -BeNullOrEmpty
        $groups.CustomerCode | Sort-Object -Unique | Should -Be 'acme'
        ($groups | Out-String) | Should -Match 'CustomerCode: acme'
    }

    It 'keeps only ccoe-cloud-…-idp-…-role groups with -CcoeCloudGroupOnly (group view)' {
        $groups = @(Get-IdentityCenterGroupMembership @Common -IdentityStoreId $Store -View Group -CcoeCloudGroupOnly)
        $groups.Group.DisplayName | Should -Be @($DevOpsGroup, $SecurityGroup)
        $groups.Ccoe.Role | Should -Be @('devops', 'security')
        $groups.Ccoe.Application | Should -Be @('ci-cd', 'billing-portal')
    }

    It 'keeps only users in CCoE cloud groups, with only those groups, with -CcoeCloudGroupOnly (user view)' {
        $users = @(Get-IdentityCenterGroupMembership @Common -IdentityStoreId $Store -View User -CcoeCloudGroupOnly)
        $users.User.UserName | Should -Be @('dev', 'sec')
        ($users | Where-Object { $_.User.UserName -eq 'sec' }).Groups.DisplayName | Should -Be @($DevOpsGroup, $SecurityGroup)
        ($users | Where-Object { $_.User.UserName -eq 'dev' }).Groups.DisplayName | Should -Be @($DevOpsGroup)
    }
}

Describe 'Export-IdentityCenterData' {
    BeforeAll {
        # A second store in the same account, which ListInstances does not name: only an export file can lead to it.
        $script:OtherStore = 'd-90000000e1'
        New-MotoUser $OtherStore 'exported' 'Ex' 'Ported' 'exported@acme.example' | Out-Null
    }

    It 'writes identity-center-{store}-{time}.json in -ExportDirectory (store found by ListInstances)' {
        $dir = Join-Path $Work 'exports-listed'
        $file = @(Export-IdentityCenterData @Common -ExportDirectory $dir)
        $file.Count | Should -Be 1
        $file[0] | Should -BeOfType [IO.FileInfo]
        $file[0].DirectoryName | Should -Be (Resolve-Path $dir).Path
        $file[0].Name | Should -Match "^identity-center-$([regex]::Escape($Store))-\d{8}T\d{6}Z\.json$"
        $json = Get-Content $file[0].FullName -Raw | ConvertFrom-Json
        $json.identityStoreId | Should -Be $Store
        $json.customerCode | Should -Be 'acme'
        ($json.users.userName | Sort-Object) | Should -Be @('dev', 'plain', 'sec')
        $json.groups.Count | Should -Be 3
        $json.memberships.Count | Should -Be 5
        @(Get-ChildItem $dir -Filter '*.partial').Count | Should -Be 0
    }

    It 'writes nothing with -WhatIf' {
        $dir = Join-Path $Work 'exports-whatif'
        @(Export-IdentityCenterData @Common -ExportDirectory $dir -WhatIf).Count | Should -Be 0
        Test-Path $dir | Should -BeFalse
    }

    It 'lets a later Import without -IdentityStoreId find the store from the export file' {
        $dir = Join-Path $Work 'exports-other'
        $file = Export-IdentityCenterData @Common -ExportDirectory $dir -IdentityStoreId $OtherStore
        $file.Name | Should -Match "^identity-center-$OtherStore-\d{8}T\d{6}Z\.json$"
        $data = (New-Item -ItemType Directory -Path (Join-Path $Work 'data-export')).FullName
        New-SesContactList -ConfigPath $ConfigPath -Customer acme -DataDirectory $data | Out-Null

        $plan = Import-IdentityCenterContact @Common -DataDirectory $data -ExportDirectory $dir -WhatIf
        $plan.IdentityStoreId | Should -Be $OtherStore
        $plan.ToAdd.Email | Should -Be @('exported@acme.example')

        # Users and groups commands find it the same way.
        (Get-IdentityCenterUser @Common -ExportDirectory $dir).UserName | Should -Be 'exported'
    }
}

Describe 'Import-IdentityCenterContact (local SES)' {
    BeforeAll {
        $script:Data = (New-Item -ItemType Directory -Path (Join-Path $Work 'data-import')).FullName
        $script:Ses = @{ ConfigPath = $ConfigPath; Customer = 'acme'; DataDirectory = $Data; ErrorAction = 'Stop' }
        $script:Import = $Ses + @{ IdentityStoreId = $Store }
        New-SesContactList @Ses | Out-Null
        $script:SecTopics = @('aws-announce', 'aws-approval', 'aws-calendar', 'general-updates')
        $script:DevTopics = @('aws-announce', 'aws-calendar', 'general-updates')
        $script:PlainTopics = @('aws-announce', 'general-updates')
    }

    It '-WhatIf outputs the plan and changes nothing' {
        $plan = @(Import-IdentityCenterContact @Import -WhatIf)
        $plan.Count | Should -Be 1
        $plan[0].CustomerCode | Should -Be 'acme'
        $plan[0].IdentityStoreId | Should -Be $Store
        ($plan[0].ToAdd.Email | Sort-Object) | Should -Be @('dev@acme.example', 'plain@acme.example', 'sec@acme.example')
        $sec = $plan[0].ToAdd | Where-Object Email -eq 'sec@acme.example'
        $sec.UserName | Should -Be 'sec'
        $sec.Roles | Should -Be @('devops', 'security')
        ($sec.Topics | Sort-Object) | Should -Be $SecTopics
        (($plan[0].ToAdd | Where-Object Email -eq 'dev@acme.example').Topics | Sort-Object) | Should -Be $DevTopics
        (($plan[0].ToAdd | Where-Object Email -eq 'plain@acme.example').Topics | Sort-Object) | Should -Be $PlainTopics
        @($plan[0].ToRemove).Count | Should -Be 0
        $plan[0].Subscriptions | Should -Be 9
        @(Get-SesContact @Ses).Count | Should -Be 0
    }

    It 'adds the users as contacts subscribed by role, and outputs a summary' {
        $summary = @(Import-IdentityCenterContact @Import)
        $summary.Count | Should -Be 1
        $summary[0].CustomerCode | Should -Be 'acme'
        $summary[0].Added | Should -Be 3
        $summary[0].Subscribed | Should -Be 9
        $summary[0].Removed | Should -Be 0
        $summary[0].Unchanged | Should -Be 0
        $summary[0].Failed | Should -Be 0

        $contacts = @(Get-SesContact @Ses)
        ($contacts.EmailAddress | Sort-Object) | Should -Be @('dev@acme.example', 'plain@acme.example', 'sec@acme.example')
        (($contacts | Where-Object EmailAddress -eq 'sec@acme.example').SubscribedTopics | Sort-Object) | Should -Be $SecTopics
        (($contacts | Where-Object EmailAddress -eq 'dev@acme.example').SubscribedTopics | Sort-Object) | Should -Be $DevTopics
        (($contacts | Where-Object EmailAddress -eq 'plain@acme.example').SubscribedTopics | Sort-Object) | Should -Be $PlainTopics
        # Listing does not carry AttributesData (as SES ListContacts); reading the one contact does.
        $marker = (Get-SesContact @Ses -EmailAddress 'sec@acme.example').AttributesData | ConvertFrom-Json
        $marker.managedBy | Should -Be 'changemgmt-identity-import'
        $marker.identityStoreId | Should -Be $Store
    }

    It 'adds nothing on a second run (through the Import-IdentityCenterContacts alias)' {
        (Get-Alias Import-IdentityCenterContacts).ResolvedCommandName | Should -Be 'Import-IdentityCenterContact'
        $summary = Import-IdentityCenterContacts @Import
        $summary.Added | Should -Be 0
        $summary.Subscribed | Should -Be 0
        $summary.Removed | Should -Be 0
        $summary.Unchanged | Should -Be 3
        $summary.Failed | Should -Be 0
        @(Get-SesContact @Ses).Count | Should -Be 3
    }

    It 'keeps a contact added by hand' {
        Add-SesContact @Ses -EmailAddress 'handmade@acme.example' -Topic aws-approval | Out-Null
        $plan = Import-IdentityCenterContact @Import -WhatIf
        @($plan.ToAdd).Count | Should -Be 0
        @($plan.ToRemove).Count | Should -Be 0
        $plan.NotInIdentityStore | Should -Be @('handmade@acme.example')

        $summary = Import-IdentityCenterContact @Import
        $summary.Added | Should -Be 0
        $summary.Removed | Should -Be 0
        $summary.Unchanged | Should -Be 4
        (Get-SesContact @Ses).EmailAddress | Should -Contain 'handmade@acme.example'
    }

    It 'removes the hand-added contact only with -RemoveUnmanaged' {
        $plan = Import-IdentityCenterContact @Import -RemoveUnmanaged -WhatIf
        $plan.ToRemove.Email | Should -Be @('handmade@acme.example')
        $plan.ToRemove.Managed | Should -Be $false
        @(Get-SesContact @Ses).Count | Should -Be 4

        $summary = Import-IdentityCenterContact @Import -RemoveUnmanaged
        $summary.Added | Should -Be 0
        $summary.Removed | Should -Be 1
        $summary.Unchanged | Should -Be 3
        $summary.Failed | Should -Be 0
        ((Get-SesContact @Ses).EmailAddress | Sort-Object) | Should -Be @('dev@acme.example', 'plain@acme.example', 'sec@acme.example')
    }

    It 'removes a contact it added once its user left the store' {
        $leaverStore = 'd-90000000e2'
        $leaver = New-MotoUser $leaverStore 'leaver' 'Lee' 'Ver' 'leaver@acme.example'
        $data = (New-Item -ItemType Directory -Path (Join-Path $Work 'data-leaver')).FullName
        $ses = @{ ConfigPath = $ConfigPath; Customer = 'acme'; DataDirectory = $data; IdentityStoreId = $leaverStore; ErrorAction = 'Stop' }
        New-SesContactList -ConfigPath $ConfigPath -Customer acme -DataDirectory $data | Out-Null
        (Import-IdentityCenterContact @ses).Added | Should -Be 1
        Invoke-MotoJson identitystore 'AWSIdentityStore.DeleteUser' @{ IdentityStoreId = $leaverStore; UserId = $leaver } | Out-Null

        $plan = Import-IdentityCenterContact @ses -WhatIf
        $plan.ToRemove.Email | Should -Be @('leaver@acme.example')
        $plan.ToRemove.Managed | Should -Be $true
        $summary = Import-IdentityCenterContact @ses
        $summary.Removed | Should -Be 1
        @(Get-SesContact -ConfigPath $ConfigPath -Customer acme -DataDirectory $data).Count | Should -Be 0
    }
}
