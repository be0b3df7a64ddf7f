@{
    RootModule           = 'ChangeMgmt.Cmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3c2e-8d4a-4c6e-9a51-7e2d1f4b8c93'
    Author               = 'ChangeMgmt contributors'
    CompanyName          = 'ChangeMgmt'
    Copyright            = '(c) ChangeMgmt contributors'
    Description          = 'Change requests written once and announced to every affected customer through that customer''s own Amazon SES v2 account: configuration, contact lists, topics, subscriptions, suppression and delivery.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('ChangeMgmt.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Get-ChangeMgmtConfig'
        'Test-ChangeMgmtConfig'
        'Get-ChangeMgmtCustomer'
        'Set-ChangeMgmtDefault'
        'Get-ChangeMgmtDefault'
        'Clear-ChangeMgmtDefault'
        'New-SesContactList'
        'Get-SesContactList'
        'Remove-SesContactList'
        'Get-SesTopic'
        'Sync-SesTopic'
        'Initialize-SesAccount'
        'Send-SesTestEmail'
        'Get-SesDnsRecord'
        'Get-SesContact'
        'Add-SesContact'
        'Remove-SesContact'
        'Set-SesContactSubscription'
        'Add-SesSuppression'
        'Get-SesSuppression'
        'Remove-SesSuppression'
        'Backup-SesContactList'
        'Restore-SesContactList'
        'Invoke-SqsChangeMessage'
        'Send-ChangeNotification'
        'Get-ChangeDelivery'
        'Get-ChangeDeliveryStatus'
        'Get-SesReputation'
        'Get-ChangeEmailPreview'
        'Get-ChangeDeadLetter'
        'Invoke-ChangeRedrive'
        'New-ChangeRequest'
        'Get-ChangeRequest'
        'Set-ChangeRequest'
        'Submit-ChangeRequest'
        'Approve-ChangeRequest'
        'Deny-ChangeRequest'
        'Complete-ChangeRequest'
        'Stop-ChangeRequest'
        'Remove-ChangeRequest'
        'Get-IdentityCenterUser'
        'Get-IdentityCenterGroupMembership'
        'Export-IdentityCenterData'
        'Import-IdentityCenterContact'
        'Export-ChangeMgmtTemplate'
    )
    VariablesToExport    = @()
    AliasesToExport      = @('Cancel-ChangeRequest', 'Import-IdentityCenterContacts')
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'SES', 'ChangeManagement', 'MSP')
            ProjectUri = 'https://github.com/changemgmt/changemgmt'
            LicenseUri = 'https://github.com/changemgmt/changemgmt/blob/main/LICENSE'
        }
    }
}
