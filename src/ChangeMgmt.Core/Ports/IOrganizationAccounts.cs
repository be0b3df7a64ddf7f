using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Ports;

/// <summary>An account of an organization as Organizations ListAccounts gives it (Status ACTIVE, SUSPENDED, PENDING_CLOSURE).</summary>
public sealed record OrganizationAccount(string Id, string Name, string Email, string Status)
{
    public bool IsActive => Status == "ACTIVE";
}

/// <summary>A customer's AWS Organization as seen from its management account.</summary>
public interface IOrganizationAccounts
{
    /// <summary>DescribeOrganization's management account id.</summary>
    Task<string> ManagementAccountIdAsync(CancellationToken ct);

    /// <summary>One page of ListAccounts (every status).</summary>
    Task<Page<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken ct);

    /// <summary>ListAWSServiceAccessForOrganization: the service principals with trusted access (e.g. account.amazonaws.com).</summary>
    Task<IReadOnlyList<string>> TrustedServicesAsync(CancellationToken ct);
}

/// <summary>
/// The Account API's alternate contacts. <paramref name="accountId"/> null means the calling account itself: the
/// management account's own contacts must be addressed without an AccountId (the API refuses its own id there).
/// </summary>
public interface IAccountContacts
{
    /// <summary>The contact, or null when the account has none of that type (ResourceNotFoundException).</summary>
    Task<AlternateContact?> GetAsync(string? accountId, AlternateContactType type, CancellationToken ct);

    Task PutAsync(string? accountId, AlternateContactType type, AlternateContact contact, CancellationToken ct);

    Task DeleteAsync(string? accountId, AlternateContactType type, CancellationToken ct);
}

/// <summary>A customer's organization reached through its role in the management account.</summary>
public sealed record CustomerOrganization(IOrganizationAccounts Accounts, IAccountContacts Contacts);

/// <summary>Opens each customer's organization (assuming the role <see cref="OrganizationConfig.RoleArn"/>), paced per organization: the same one per customer for the provider's lifetime.</summary>
public interface IOrganizationProvider
{
    CustomerOrganization For(CustomerConfig customer, OrganizationConfig organization);
}
