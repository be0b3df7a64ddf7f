using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Testing;

/// <summary>
/// A customer organization in memory behind the Organizations and Account ports: what moto cannot produce (one account
/// refusing writes), and organizations for server tests that have no AWS. Contacts are kept per account and type.
/// </summary>
public sealed class InMemoryOrganization(string management, IReadOnlyList<string> members) : IOrganizationProvider, IOrganizationAccounts, IAccountContacts
{
    private readonly Dictionary<(string AccountId, AlternateContactType Type), AlternateContact> contacts = [];

    /// <summary>The account whose writes are refused (AccessDenied) once <see cref="RefuseWrites"/> is set.</summary>
    public string? Refused { get; init; }
    public bool RefuseWrites { get; set; }
    /// <summary>Whether account.amazonaws.com has trusted access (off: no member account's contacts can be read).</summary>
    public bool TrustedAccess { get; init; } = true;
    /// <summary>The accounts written, null for the management account itself.</summary>
    public List<string?> Written { get; } = [];

    public CustomerOrganization For(CustomerConfig customer, OrganizationConfig organization) => new(this, this);

    public Task<string> ManagementAccountIdAsync(CancellationToken ct) => Task.FromResult(management);

    /// <summary>ListAccounts calls made.</summary>
    public int Listings { get; private set; }

    public Task<Page<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken ct)
    {
        Listings++;
        return Task.FromResult(new Page<OrganizationAccount>([.. members.Prepend(management).Select(id => new OrganizationAccount(id, $"account-{id}", $"{id}@example.com", "ACTIVE"))], null));
    }

    public Task<IReadOnlyList<string>> TrustedServicesAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(TrustedAccess ? ["account.amazonaws.com"] : []);

    /// <summary>The accounts read (GetAlternateContact), once per type, null for the management account itself.</summary>
    public List<string?> Reads { get; } = [];

    /// <summary>Called on each read, e.g. to move a test clock as real calls would take time.</summary>
    public Action? OnRead { get; init; }

    public Task<AlternateContact?> GetAsync(string? accountId, AlternateContactType type, CancellationToken ct)
    {
        Reads.Add(accountId);
        OnRead?.Invoke();
        return Task.FromResult(contacts.GetValueOrDefault((accountId ?? management, type)));
    }

    public Task PutAsync(string? accountId, AlternateContactType type, AlternateContact contact, CancellationToken ct)
    {
        if (RefuseWrites && accountId == Refused)
            throw new ServiceException(ServiceErrorKind.AccessDenied, "explicit deny in a service control policy", "acme", errorCode: "AccessDeniedException");
        Written.Add(accountId);
        Set(accountId ?? management, type, contact);
        return Task.CompletedTask;
    }

    /// <summary>Gives the account a contact, as someone did before ChangeMgmt; the organization, for more.</summary>
    public InMemoryOrganization Set(string accountId, AlternateContactType type, AlternateContact contact)
    {
        contacts[(accountId, type)] = contact;
        return this;
    }

    public Task DeleteAsync(string? accountId, AlternateContactType type, CancellationToken ct)
    {
        contacts.Remove((accountId ?? management, type));
        return Task.CompletedTask;
    }
}

/// <summary>Several customers' organizations; a customer without one is in no organization, as AWS answers that.</summary>
public sealed class InMemoryOrganizations(IReadOnlyDictionary<string, InMemoryOrganization> byCustomer) : IOrganizationProvider
{
    public CustomerOrganization For(CustomerConfig customer, OrganizationConfig organization) =>
        byCustomer.TryGetValue(customer.CustomerCode, out var found) ? found.For(customer, organization)
        : throw new ServiceException(ServiceErrorKind.Other, "Your account is not a member of an organization.", customer.CustomerCode, errorCode: "AWSOrganizationsNotInUseException");
}
