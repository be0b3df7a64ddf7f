using System.Collections.Concurrent;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws.Organizations;

/// <summary>
/// Each customer's organization for one command: the role in its management account assumed with the customer's
/// external id, one read pacer and one write pacer per organization shared by every call, only Core port types out.
/// </summary>
public sealed class AwsOrganizationProvider : IOrganizationProvider, IDisposable
{
    // Organizations and the Account API are global services signed for us-east-1.
    private const string GlobalRegion = "us-east-1";

    private readonly AwsSettings settings;
    private readonly AssumedCustomerRoles roles;
    private readonly OrganizationOptions options;
    private readonly ConcurrentDictionary<string, Opened> opened = new(StringComparer.Ordinal);

    public AwsOrganizationProvider(AwsSettings settings, OrganizationOptions? options = null)
    {
        this.settings = settings;
        this.options = options ?? new OrganizationOptions();
        roles = new AssumedCustomerRoles(settings);
    }

    public CustomerOrganization For(CustomerConfig customer, OrganizationConfig organization) =>
        opened.GetOrAdd($"{customer.CustomerCode}|{organization.RoleArn}", _ => Open(customer, organization)).Organization;

    private Opened Open(CustomerConfig customer, OrganizationConfig organization)
    {
        var credentials = roles.For(customer with { OrganizationRoleArn = organization.RoleArn }, CustomerRole.Organization);
        var reads = new CallPacer(options.ReadsPerSecond, settings.Time);
        var writes = new CallPacer(options.WritesPerSecond, settings.Time);
        PacedJsonCalls Client(AwsService service, string signingName) => new(new SignedJsonClient(credentials, GlobalRegion, signingName,
            settings.Endpoints.For(service, GlobalRegion), customer.CustomerCode, options.Handler, settings.Log), settings);
        var organizations = Client(AwsService.Organizations, AwsOrganizationAccounts.SigningName);
        var account = Client(AwsService.Account, AwsAccountContacts.SigningName);
        return new(new(new AwsOrganizationAccounts(organizations, reads, options.PageSize), new AwsAccountContacts(account, reads, writes)), [organizations, account]);
    }

    public void Dispose()
    {
        foreach (var o in opened.Values) foreach (var d in o.Clients) d.Dispose();
        roles.Dispose();
    }

    private sealed record Opened(CustomerOrganization Organization, IReadOnlyList<IDisposable> Clients);
}
