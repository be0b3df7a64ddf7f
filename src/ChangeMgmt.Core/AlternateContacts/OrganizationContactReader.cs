using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>A customer's organization once its prerequisites hold: its management account and its ACTIVE accounts.</summary>
internal sealed record OpenedOrganization(string ManagementAccountId, IReadOnlyList<OrganizationAccount> Accounts);

/// <summary>
/// Reads one customer's organization: checks the prerequisites (a role, the management account, trusted access for
/// AWS Account Management), lists its ACTIVE accounts (every page) and reads their contacts. An account whose contacts
/// cannot be read is a failure of that account only.
/// </summary>
internal sealed class OrganizationContactReader(CustomerOrganization organization, OrganizationConfig config, IProgress<AccountsRead>? progress)
{
    public async Task<ContactReading> ReadAsync(AlternateContactFilter filter, CancellationToken ct)
    {
        var (opened, failure) = await OpenAsync(ct);
        if (opened is null) return new([], [failure!]);
        var contacts = new List<AccountContact>();
        var failures = new List<ContactFailure>();
        var covered = opened.Accounts.Where(a => filter.Covers(a.Id, a.Name)).ToList();
        progress?.Report(new(config.CustomerCode, 0, covered.Count, null));
        foreach (var (account, index) in covered.Select((a, i) => (a, i)))
        {
            var (read, refused) = await ReadAccountAsync(account, opened.ManagementAccountId, filter.TypesOrAll, ct);
            contacts.AddRange(read);
            if (refused is not null) failures.Add(refused);
            progress?.Report(new(config.CustomerCode, index + 1, covered.Count, account.Id));
        }
        return new(contacts, failures);
    }

    /// <summary>The organization's management account and ACTIVE accounts, or the prerequisite that does not hold, with its fix.</summary>
    public async Task<(OpenedOrganization? Opened, ContactFailure? Failure)> OpenAsync(CancellationToken ct)
    {
        var action = "organizations:DescribeOrganization";
        try
        {
            var management = await organization.Accounts.ManagementAccountIdAsync(ct);
            if (config.ManagementAccountId is { } expected && expected != management)
                return (null, ContactErrors.NotManagementAccount(config, management));
            action = "organizations:ListAWSServiceAccessForOrganization";
            if (!(await organization.Accounts.TrustedServicesAsync(ct)).Contains(ContactErrors.AccountServicePrincipal))
                return (null, ContactErrors.TrustedAccessOff(config, management));
            action = "organizations:ListAccounts";
            return (new(management, await ActiveAccountsAsync(ct)), null);
        }
        catch (Exception error) when (ContactErrors.IsFailure(error))
        {
            return (null, ContactErrors.From(error, config, null, action));
        }
    }

    /// <summary>One account's contacts of the given types, or that account's failure.</summary>
    public async Task<(IReadOnlyList<AccountContact> Contacts, ContactFailure? Failure)> ReadAccountAsync(
        OrganizationAccount account, string managementAccountId, IReadOnlyList<AlternateContactType> types, CancellationToken ct)
    {
        var isManagement = account.Id == managementAccountId;
        var contacts = new List<AccountContact>();
        try
        {
            foreach (var type in types)
            {
                var contact = await organization.Contacts.GetAsync(isManagement ? null : account.Id, type, ct);
                contacts.Add(new(config.CustomerCode, account.Id, account.Name, isManagement, type, contact));
            }
            return (contacts, null);
        }
        catch (Exception error) when (ContactErrors.IsFailure(error))
        {
            return ([], ContactErrors.From(error, config, account.Id, "account:GetAlternateContact"));
        }
    }

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
}
