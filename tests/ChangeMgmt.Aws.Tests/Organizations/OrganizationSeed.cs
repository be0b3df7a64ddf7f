using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws.Tests.Organizations;

/// <summary>
/// A customer organization in moto: moto keeps one organization per account id, and credentials from AssumeRole into
/// arn:aws:iam::{id}:role/… act as that account, so each customer's management account is reached through its own role.
/// Seeding uses the same signed clients as the adapters, as the management account would.
/// </summary>
internal sealed class OrganizationSeed(MotoServer moto, string customerCode, string managementAccountId) : IDisposable
{
    public const string RoleName = "changemgmt-organization";

    private readonly AssumedCustomerRoles roles = new(MotoSettings.For(moto));
    private SignedJsonClient? organizations, account;

    public string RoleArn => $"arn:aws:iam::{managementAccountId}:role/{RoleName}";
    public string ManagementAccountId => managementAccountId;
    public List<string> MemberAccountIds { get; } = [];

    public CustomerConfig Customer => new() { CustomerCode = customerCode, CustomerName = customerCode, OrganizationRoleArn = RoleArn, ManagementAccountId = managementAccountId };

    /// <summary>An organization with all features, <paramref name="members"/> member accounts, trusted access for account.amazonaws.com when asked.</summary>
    public async Task<OrganizationSeed> CreateAsync(int members, bool trustedAccess = true)
    {
        var credentials = roles.For(Customer, CustomerRole.Organization);
        organizations = new(credentials, "us-east-1", "organizations", moto.Endpoint, customerCode);
        account = new(credentials, "us-east-1", "account", moto.Endpoint, customerCode);
        await OrganizationsAsync("CreateOrganization", new { FeatureSet = "ALL" });
        for (var i = 1; i <= members; i++)
        {
            var created = await OrganizationsAsync("CreateAccount", new { AccountName = $"{customerCode}-workload-{i}", Email = $"aws+{customerCode}{i}@example.com" });
            MemberAccountIds.Add((string)created!["CreateAccountStatus"]!["AccountId"]!);
        }
        if (trustedAccess) await OrganizationsAsync("EnableAWSServiceAccess", new { ServicePrincipal = "account.amazonaws.com" });
        return this;
    }

    /// <summary>Puts a contact directly (as someone did by hand before ChangeMgmt); null account id for the management account.</summary>
    public Task PutContactAsync(string? accountId, string type, string name, string email) =>
        account!.RestAsync(HttpMethod.Post, "/putAlternateContact", new
        {
            AccountId = accountId,
            AlternateContactType = type,
            Name = name,
            Title = "Existing",
            EmailAddress = email,
            PhoneNumber = "+15550000000",
        }, CancellationToken.None);

    public async Task<string?> ContactEmailAsync(string? accountId, string type)
    {
        try
        {
            var answer = await account!.RestAsync(HttpMethod.Post, "/getAlternateContact", new { AccountId = accountId, AlternateContactType = type }, CancellationToken.None);
            return (string?)answer?["AlternateContact"]?["EmailAddress"];
        }
        catch (Core.Errors.ServiceException e) when (e.Kind == Core.Errors.ServiceErrorKind.NotFound)
        {
            return null;
        }
    }

    private Task<System.Text.Json.Nodes.JsonNode?> OrganizationsAsync(string operation, object body) =>
        organizations!.TargetAsync($"AWSOrganizationsV20161128.{operation}", body, CancellationToken.None);

    public void Dispose()
    {
        organizations?.Dispose();
        account?.Dispose();
        roles.Dispose();
    }
}
