using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>An organization of a management account and members, standing in for both ports where moto cannot (a refused account).</summary>
internal sealed class InMemoryOrganization(string management, IReadOnlyList<string> members) : IOrganizationProvider, IOrganizationAccounts, IAccountContacts
{
    public string? Refused { get; init; }
    public bool RefuseWrites { get; set; }
    public List<string?> Written { get; } = [];

    public CustomerOrganization For(CustomerConfig customer, OrganizationConfig organization) => new(this, this);

    public Task<string> ManagementAccountIdAsync(CancellationToken ct) => Task.FromResult(management);

    public int Listings { get; private set; }

    public Task<Page<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken ct)
    {
        Listings++;
        return Task.FromResult(new Page<OrganizationAccount>([.. members.Prepend(management).Select(id => new OrganizationAccount(id, $"account-{id}", $"{id}@example.com", "ACTIVE"))], null));
    }

    public Task<IReadOnlyList<string>> TrustedServicesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["account.amazonaws.com"]);

    public Task<AlternateContact?> GetAsync(string? accountId, AlternateContactType type, CancellationToken ct) => Task.FromResult<AlternateContact?>(null);

    public Task PutAsync(string? accountId, AlternateContactType type, AlternateContact contact, CancellationToken ct)
    {
        if (RefuseWrites && accountId == Refused)
            throw new ServiceException(ServiceErrorKind.AccessDenied, "explicit deny in a service control policy", "acme", errorCode: "AccessDeniedException");
        Written.Add(accountId);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string? accountId, AlternateContactType type, CancellationToken ct) => Task.CompletedTask;
}
