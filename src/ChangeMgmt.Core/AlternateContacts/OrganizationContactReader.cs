using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// Reads one customer's organization: checks the prerequisites (a role, the management account, trusted access for
/// AWS Account Management), lists its ACTIVE accounts (every page) and reads their contacts. An account whose contacts
/// cannot be read is a failure of that account only.
/// </summary>
internal sealed class OrganizationContactReader(CustomerOrganization organization, OrganizationConfig config, IProgress<AccountsRead>? progress)
{
    public async Task<ContactReading> ReadAsync(AlternateContactFilter filter, CancellationToken ct)
    {
        string management;
        List<OrganizationAccount> accounts;
        var action = "organizations:DescribeOrganization";
        try
        {
            management = await organization.Accounts.ManagementAccountIdAsync(ct);
            if (config.ManagementAccountId is { } expected && expected != management)
                return Failed(ContactErrors.NotManagementAccount(config, management));
            action = "organizations:ListAWSServiceAccessForOrganization";
            if (!(await organization.Accounts.TrustedServicesAsync(ct)).Contains(ContactErrors.AccountServicePrincipal))
                return Failed(ContactErrors.TrustedAccessOff(config, management));
            action = "organizations:ListAccounts";
            accounts = await ActiveAccountsAsync(ct);
        }
        catch (Exception error) when (ContactErrors.IsFailure(error))
        {
            return Failed(ContactErrors.From(error, config, null, action));
        }
        var contacts = new List<AccountContact>();
        var failures = new List<ContactFailure>();
        var covered = accounts.Where(a => filter.Covers(a.Id, a.Name)).ToList();
        progress?.Report(new(config.CustomerCode, 0, covered.Count, null));
        foreach (var (account, index) in covered.Select((a, i) => (a, i)))
        {
            try { contacts.AddRange(await ReadAccountAsync(account, account.Id == management, filter, ct)); }
            catch (Exception error) when (ContactErrors.IsFailure(error))
            {
                failures.Add(ContactErrors.From(error, config, account.Id, "account:GetAlternateContact"));
            }
            progress?.Report(new(config.CustomerCode, index + 1, covered.Count, account.Id));
        }
        return new(contacts, failures);
    }

    private ContactReading Failed(ContactFailure failure) => new([], [failure]);

    private async Task<List<OrganizationAccount>> ActiveAccountsAsync(CancellationToken ct)
    {
        var accounts = new List<OrganizationAccount>();
        string? token = null;
        do
        {
            var page = await organization.Accounts.ListAccountsAsync(token, ct);
            accounts.AddRange(page.Items.Where(a => a.IsActive));
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token));
        return accounts;
    }

    private async Task<List<AccountContact>> ReadAccountAsync(OrganizationAccount account, bool isManagement, AlternateContactFilter filter, CancellationToken ct)
    {
        var contacts = new List<AccountContact>();
        foreach (var type in filter.TypesOrAll)
        {
            var contact = await organization.Contacts.GetAsync(isManagement ? null : account.Id, type, ct);
            contacts.Add(new(config.CustomerCode, account.Id, account.Name, isManagement, type, contact));
        }
        return contacts;
    }
}
