#Requires -Modules Pester
# The alternate contact cmdlets against moto's Organizations and Account API: customer organizations of a management
# account and three member accounts each (acme, globex), one without trusted access for AWS Account Management
# (initech) and one with no organization role (umbrella). moto keeps one organization per account id and acts as the
# account of the role assumed, so each customer's organization is reached through its own organization_role_arn.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
    Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-altcontact-' + [Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $Work | Out-Null
    $script:MotoServer = Start-MotoServer -LogDirectory $Work
    $script:Moto = $MotoServer.Url

    $script:Backups = Join-Path $Work 'backups'
    $script:SavedEnv = Use-MotoEnvironment $Moto -Also @{ CHANGEMGMT_BACKUP_DIR = $Backups }

    $script:Management = @{ acme = '311100000001'; globex = '322200000001'; initech = '333300000001' }
    function RoleOf([string] $Customer) { "arn:aws:iam::$($Management[$Customer]):role/changemgmt-organization" }

    # config.json as users have it, with the original tool's contact_config (globex overrides its security contact).
    Copy-Item (Join-Path $Root 'examples/SESConfig.json') $Work
    $config = Get-Content (Join-Path $Root 'examples/config.json') -Raw | ConvertFrom-Json -AsHashtable
    $config.contact_config = [ordered]@{
        security_email = 'soc@msp.example'; security_name = 'MSP SOC'; security_title = 'Security Operations'; security_phone = '+14155550100'
        billing_email = 'billing@msp.example'; billing_name = 'MSP Billing'; billing_title = 'Accounts'; billing_phone = '+14155550101'
        operations_email = 'noc@msp.example'; operations_name = 'MSP NOC'; operations_title = 'Operations'; operations_phone = '+1 (415) 555-0102'
    }
    foreach ($code in $Management.Keys) {
        $config.customer_mappings[$code].organization_role_arn = RoleOf $code
        $config.customer_mappings[$code].management_account_id = $Management[$code]
    }
    $config.customer_mappings.globex.contact_config = @{ security_email = 'soc@globex.example'; security_name = 'Globex SOC' }
    # initech as the original tool's users have it: the management account only in OrgConfig.json, reached through
    # the Identity Center role that lives there.
    $config.customer_mappings.initech.Remove('organization_role_arn')
    $config.customer_mappings.initech.Remove('management_account_id')
    $config.customer_mappings.initech.identity_center_role_arn = "arn:aws:iam::$($Management.initech):role/changemgmt-identity-reader"
    ConvertTo-Json -InputObject @(@{ mocb_org_friendly_name = 'Initech'; mocb_org_prefix = 'initech'; environment = 'prod'; management_account_id = $Management.initech }) |
        Set-Content (Join-Path $Work 'OrgConfig.json')
    $script:ConfigPath = Join-Path $Work 'config.json'
    $config | ConvertTo-Json -Depth 20 | Set-Content $ConfigPath

    # Fast pacing for moto (the defaults stay under AWS's quotas); every cmdlet reads this config.
    $PSDefaultParameterValues['*-AwsAlternateContact:ReadsPerSecond'] = 10
    $PSDefaultParameterValues['*-AwsAlternateContact:WritesPerSecond'] = 5
    $PSDefaultParameterValues['*-AwsAlternateContact:ConfigPath'] = $ConfigPath
    $PSDefaultParameterValues['Test-ChangeMgmtConfig:ConfigPath'] = $ConfigPath

    function Invoke-AsAccount([string] $Customer, [string] $Service, [string] $Path, [hashtable] $Body, [string] $Target) {
        $sts = Invoke-WebRequest -Method Post "$Moto/" -Body @{ Action = 'AssumeRole'; Version = '2011-06-15'; RoleArn = (RoleOf $Customer); RoleSessionName = 'pester-seed' } `
            -Headers @{ Authorization = 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0' }
        $key = ([xml]$sts.Content).AssumeRoleResponse.AssumeRoleResult.Credentials.AccessKeyId
        $headers = @{ Authorization = "AWS4-HMAC-SHA256 Credential=$key/20260101/us-east-1/$Service/aws4_request, SignedHeaders=host, Signature=0" }
        $type = 'application/json'
        if ($Target) { $headers['X-Amz-Target'] = $Target; $type = 'application/x-amz-json-1.1' }
        $response = Invoke-WebRequest -Method Post "$Moto$Path" -Headers $headers -ContentType $type -Body ($Body | ConvertTo-Json -Depth 10 -Compress) -SkipHttpErrorCheck
        $text = [Text.Encoding]::UTF8.GetString($response.RawContentStream.ToArray())
        if ($response.StatusCode -eq 404 -or $text -match 'ResourceNotFoundException') { return $null }
        if ($response.StatusCode -ge 300) { throw "$Service $Path $Target answered $($response.StatusCode): $text" }
        if ($text) { $text | ConvertFrom-Json }
    }
    function New-Organization([string] $Customer, [bool] $TrustedAccess = $true) {
        $org = { param($operation, $body) Invoke-AsAccount $Customer organizations '/' $body "AWSOrganizationsV20161128.$operation" }
        & $org CreateOrganization @{ FeatureSet = 'ALL' } | Out-Null
        $members = foreach ($i in 1..3) {
            (& $org CreateAccount @{ AccountName = "$Customer-workload-$i"; Email = "aws+$Customer$i@example.com" }).CreateAccountStatus.AccountId
        }
        if ($TrustedAccess) { & $org EnableAWSServiceAccess @{ ServicePrincipal = 'account.amazonaws.com' } | Out-Null }
        , @($members)
    }
    function Set-ContactByHand([string] $Customer, [string] $AccountId, [string] $Type, [string] $Email) {
        $body = @{ AlternateContactType = $Type; Name = 'Set By Hand'; Title = 'Existing'; EmailAddress = $Email; PhoneNumber = '+15550000000' }
        if ($AccountId) { $body.AccountId = $AccountId }
        Invoke-AsAccount $Customer account '/putAlternateContact' $body | Out-Null
    }
    function Get-ContactEmail([string] $Customer, [string] $AccountId, [string] $Type) {
        $body = @{ AlternateContactType = $Type }
        if ($AccountId) { $body.AccountId = $AccountId }
        (Invoke-AsAccount $Customer account '/getAlternateContact' $body).AlternateContact.EmailAddress
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-AwsAlternateContact:ReadsPerSecond')
    $PSDefaultParameterValues.Remove('*-AwsAlternateContact:WritesPerSecond')
    $PSDefaultParameterValues.Remove('*-AwsAlternateContact:ConfigPath')
    $PSDefaultParameterValues.Remove('Test-ChangeMgmtConfig:ConfigPath')
    Restore-Environment $SavedEnv
    if ($MotoServer) { Stop-Process -Id $MotoServer.Process.Id -Force -ErrorAction SilentlyContinue }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Alternate contacts of customer organizations' {
    BeforeEach {
        Invoke-WebRequest -Method Post "$Moto/moto-api/reset" | Out-Null
        Remove-Item $Backups -Recurse -Force -ErrorAction SilentlyContinue
        $script:Members = @{ acme = New-Organization acme; globex = New-Organization globex; initech = New-Organization initech -TrustedAccess $false }
        Set-ContactByHand acme $Members.acme[0] SECURITY 'own-soc@acme.example'
    }

    It 'Get lists every ACTIVE account and type of both organizations, the management account included' {
        $contacts = Get-AwsAlternateContact -Customer acme, globex

        $contacts.Count | Should -Be (2 * 4 * 3)
        $contacts[0].PSObject.Properties.Name | Should -Contain 'AccountName'
        ($contacts | Where-Object CustomerCode -eq 'acme' | Select-Object -ExpandProperty AccountId -Unique | Sort-Object) |
            Should -Be (@($Members.acme) + $Management.acme | Sort-Object)
        $own = $contacts | Where-Object { $_.AccountId -eq $Members.acme[0] -and $_.Type -eq 'Security' }
        $own.Email | Should -Be 'own-soc@acme.example'
        $own.Name | Should -Be 'Set By Hand'
        ($contacts | Where-Object IsManagementAccount).AccountId | Select-Object -Unique | Sort-Object | Should -Be ($Management.acme, $Management.globex | Sort-Object)
    }

    It 'Get filters accounts by id or name with wildcards, and types' {
        $contacts = Get-AwsAlternateContact -Customer 'ac*' -AccountId '*-workload-2', $Members.acme[0] -Type Security, Billing

        $contacts.Count | Should -Be 4
        $contacts.AccountId | Select-Object -Unique | Sort-Object | Should -Be ($Members.acme[1], $Members.acme[0] | Sort-Object)
        $contacts.Type | ForEach-Object ToString | Select-Object -Unique | Sort-Object | Should -Be 'Billing', 'Security'
    }

    It '-WhatIf shows the difference per account and changes nothing' {
        $plan = Set-AwsAlternateContact -Customer acme -WhatIf

        $plan.Count | Should -Be 12
        ($plan | Where-Object { $_.AccountId -eq $Members.acme[0] -and $_.Type -eq 'Security' }).Action | Should -Be 'Keep'
        ($plan | Where-Object Action -eq 'Set').Count | Should -Be 11
        Get-ContactEmail acme $Members.acme[1] SECURITY | Should -BeNullOrEmpty
        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -Be 'own-soc@acme.example'
        Test-Path $Backups | Should -BeFalse
    }

    It 'Set from config keeps existing contacts without -Overwrite, applies the customer override, and backs up first' {
        $set = Set-AwsAlternateContact -Customer acme, globex -Force -WarningVariable warnings -InformationVariable told 3>$null 6>$null

        $set.Count | Should -Be 23
        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -Be 'own-soc@acme.example'
        Get-ContactEmail acme $Members.acme[1] SECURITY | Should -Be 'soc@msp.example'
        Get-ContactEmail acme $null OPERATIONS | Should -Be 'noc@msp.example'
        Get-ContactEmail globex $Members.globex[2] SECURITY | Should -Be 'soc@globex.example'
        Get-ContactEmail globex $Members.globex[2] BILLING | Should -Be 'billing@msp.example'
        "$warnings" | Should -Match 'acme: 1 existing alternate contacts differ and are kept; give -Overwrite'
        @(Get-ChildItem $Backups -Filter 'alternate-contacts-*.json').Count | Should -Be 2
        ($told | Where-Object { "$_" -match 'acme: alternate contacts before the change are backed up at' }) | Should -Not -BeNullOrEmpty
    }

    It 'Set -Overwrite replaces the existing contact' {
        Set-AwsAlternateContact -Customer acme -Overwrite -Force 6>$null | Out-Null

        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -Be 'soc@msp.example'
        (Set-AwsAlternateContact -Customer acme -Overwrite -WhatIf).Action | Select-Object -Unique | Should -Be 'Unchanged'
    }

    It 'Set by parameters sets one type for the accounts named, and refuses a phone AWS would refuse' {
        Set-AwsAlternateContact -Customer globex -AccountId 'globex-workload-1' -Type Security -Name 'Night Desk' -Title 'SOC' -EmailAddress 'night@globex.example' -PhoneNumber '+44 20 7946 0000' -Force 6>$null | Out-Null

        Get-ContactEmail globex $Members.globex[0] SECURITY | Should -Be 'night@globex.example'
        Get-ContactEmail globex $Members.globex[1] SECURITY | Should -BeNullOrEmpty
        Get-ContactEmail globex $Members.globex[0] BILLING | Should -BeNullOrEmpty
        { Set-AwsAlternateContact -Customer globex -Type Security -Name N -Title T -EmailAddress 'n@globex.example' -PhoneNumber 'call me' -Force } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ChangeMgmt.Cmdlets.SetAwsAlternateContactCommand'
    }

    It 'Remove backs up first and Restore puts back exactly what was there' {
        Set-AwsAlternateContact -Customer acme -Force 3>$null 6>$null | Out-Null
        Remove-Item $Backups -Recurse -Force

        $removed = Remove-AwsAlternateContact -Customer acme -AccountId 'acme-workload-*' -Type Security -Force 3>$null 6>$null
        $removed.Count | Should -Be 3
        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -BeNullOrEmpty
        Get-ContactEmail acme $null SECURITY | Should -Be 'soc@msp.example'
        $backup = Get-ChildItem $Backups -Filter 'alternate-contacts-acme-*.json' | Select-Object -First 1

        $preview = Restore-AwsAlternateContact $backup.FullName -WhatIf
        ($preview | Where-Object Action -eq 'Set').Count | Should -Be 3
        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -BeNullOrEmpty

        Restore-AwsAlternateContact $backup.FullName -Force 6>$null | Out-Null
        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -Be 'own-soc@acme.example'
        Get-ContactEmail acme $Members.acme[1] SECURITY | Should -Be 'soc@msp.example'
    }

    It 'Restore refuses a backup changed since it was written and writes nothing' {
        Set-AwsAlternateContact -Customer acme -Overwrite -Force 6>$null | Out-Null
        $file = (Get-ChildItem $Backups -Filter 'alternate-contacts-acme-*.json' | Select-Object -First 1).FullName
        (Get-Content $file -Raw).Replace('own-soc@acme.example', 'attacker@evil.example') | Set-Content $file

        Restore-AwsAlternateContact $file -Force -ErrorVariable failed -ErrorAction SilentlyContinue 6>$null | Out-Null

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'BackupTampered*'
        Get-ContactEmail acme $Members.acme[0] SECURITY | Should -Be 'soc@msp.example'
    }

    It 'Test-ChangeMgmtConfig -AlternateContacts lists the drifting accounts and a summary per customer' {
        Set-AwsAlternateContact -Customer acme, globex -Overwrite -Force 6>$null | Out-Null
        Set-ContactByHand globex $Members.globex[1] BILLING 'someone@else.example'

        $out = Test-ChangeMgmtConfig -Customer acme, globex -AlternateContacts
        $differences = $out | Where-Object { $_.GetType().Name -eq 'ContactChange' }
        $summaries = $out | Where-Object { $_.GetType().Name -eq 'ContactDriftSummary' }

        $differences.Count | Should -Be 1
        $differences.AccountId | Should -Be $Members.globex[1]
        $differences.Current.Email | Should -Be 'someone@else.example'
        $differences.After.Email | Should -Be 'billing@msp.example'
        ($summaries | Where-Object CustomerCode -eq 'globex' | ForEach-Object { "$($_.Accounts)/$($_.Matching)/$($_.Drifted)/$($_.Failed)" }) | Should -Be '4/3/1/0'
        ($summaries | Where-Object CustomerCode -eq 'acme' | ForEach-Object { "$($_.Accounts)/$($_.Matching)/$($_.Drifted)/$($_.Failed)" }) | Should -Be '4/4/0/0'
        Test-ChangeMgmtConfig -Customer acme, globex -AlternateContacts -Quiet | Should -BeFalse
        Test-ChangeMgmtConfig -Customer acme -AlternateContacts -Quiet | Should -BeTrue
    }

    It 'One organization failing does not stop the others: the error names the customer and the fix' {
        $set = Set-AwsAlternateContact -Customer initech, umbrella, acme -Force -ErrorVariable failed -ErrorAction SilentlyContinue 3>$null 6>$null

        ($set.CustomerCode | Select-Object -Unique) | Should -Be 'acme'
        Get-ContactEmail acme $Members.acme[2] BILLING | Should -Be 'billing@msp.example'
        $initech = $failed | Where-Object TargetObject -eq 'initech'
        $initech.FullyQualifiedErrorId | Should -BeLike 'AlternateContactOrganizationFailed*'
        $initech.ErrorDetails.Message | Should -Match 'Trusted access for AWS Account Management is not enabled'
        $initech.ErrorDetails.RecommendedAction | Should -Match 'enable-aws-service-access --service-principal account.amazonaws.com'
        $umbrella = $failed | Where-Object TargetObject -eq 'umbrella'
        # umbrella has no organization role: its Identity Center role is tried, and its account is in no organization.
        $umbrella.ErrorDetails.Message | Should -Match 'identity_center_role_arn'
        $umbrella.ErrorDetails.RecommendedAction | Should -Match 'Set customer_mappings.umbrella.organization_role_arn'
    }

    It 'Reaches an organization named in OrgConfig.json through the Identity Center role in its management account' {
        Invoke-AsAccount initech organizations '/' @{ ServicePrincipal = 'account.amazonaws.com' } 'AWSOrganizationsV20161128.EnableAWSServiceAccess' | Out-Null

        $contacts = Get-AwsAlternateContact -Customer initech

        $contacts.Count | Should -Be 12
        ($contacts | Where-Object IsManagementAccount).AccountId | Select-Object -Unique | Should -Be $Management.initech
    }

    It 'Shows progress per account while reading and while writing, each customer under its own activity' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("`$ProgressPreference = 'Continue'; Import-Module '$(Join-Path $Root 'out/ChangeMgmt')'").AddStatement()
            $null = $ps.AddScript('param($config) Set-AwsAlternateContact -Customer acme, globex -Overwrite -Force -ReadsPerSecond 10 -WritesPerSecond 5 -ConfigPath $config 6>$null | Out-Null').AddArgument($ConfigPath)
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $reading = @($ps.Streams.Progress | Where-Object Activity -EQ 'globex: reading alternate contacts')
            $writing = @($ps.Streams.Progress | Where-Object Activity -EQ 'acme: set alternate contacts')
        }
        finally { $ps.Dispose() }

        $reading.StatusDescription | Should -Contain '0 of 4 accounts'
        $reading[-1].StatusDescription | Should -BeLike '4 of 4 accounts (*read)'
        $reading[-1].RecordType | Should -Be 'Completed'
        $writing.Count | Should -BeGreaterThan 2
        $writing[-1].PercentComplete | Should -Be 100
        $writing[-1].RecordType | Should -Be 'Completed'
    }

    It 'Runs from a directory outside the repository with a relative -BackupDirectory' {
        $elsewhere = Join-Path $Work 'elsewhere'
        New-Item -ItemType Directory $elsewhere -Force | Out-Null
        Push-Location $elsewhere
        try {
            Set-AwsAlternateContact -Customer globex -Type Operations -BackupDirectory 'saved' -Force 6>$null | Out-Null
        }
        finally { Pop-Location }

        @(Get-ChildItem (Join-Path $elsewhere 'saved') -Filter 'alternate-contacts-globex-*.json').Count | Should -Be 1
        Get-ContactEmail globex $Members.globex[0] OPERATIONS | Should -Be 'noc@msp.example'
    }
}
