using Amazon.Runtime;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Identity;

/// <summary>
/// One customer's IAM Identity Center identity store over SigV4-signed JSON 1.1
/// (<c>X-Amz-Target: AWSIdentityStore.&lt;Op&gt;</c>, signing name <c>identitystore</c>). Every
/// request of every caller waits at the identity store's rate pacer; throttling and service
/// faults are retried (Retry-After first), other errors are not.
/// </summary>
public sealed class AwsIdentityDirectory : IIdentityDirectory, IDisposable
{
    public const string SigningName = "identitystore";
    private const string TargetPrefix = "AWSIdentityStore.";

    private readonly PacedJsonCalls calls;
    private readonly IdentityStorePacers pacers;
    private readonly int pageSize;

    /// <summary>Acts through the customer's Identity Center role, in the customer's region (else the settings' region).</summary>
    public AwsIdentityDirectory(CustomerConfig customer, ICustomerRoles roles, AwsSettings settings, IdentityDirectoryOptions? options = null)
        : this(roles.For(customer, CustomerRole.IdentityCenter), customer.Region ?? settings.Region, settings, customer.CustomerCode, options)
    {
    }

    public AwsIdentityDirectory(AWSCredentials credentials, string region, AwsSettings settings, string? customerCode = null, IdentityDirectoryOptions? options = null)
    {
        options ??= new IdentityDirectoryOptions();
        pageSize = options.ValidPageSize();
        pacers = options.Pacers ?? new IdentityStorePacers(options.RequestsPerSecond, settings.Time);
        var endpoint = settings.Endpoints.For(AwsService.IdentityStore, region);
        calls = new PacedJsonCalls(new SignedJsonClient(credentials, region, SigningName, endpoint, customerCode, options.Handler, settings.Log), settings);
    }

    public async Task<Page<IdentityUser>> ListUsersAsync(string identityStoreId, string? nextToken, CancellationToken ct) =>
        IdentityJson.Page(await CallAsync("ListUsers", identityStoreId, new { IdentityStoreId = identityStoreId, MaxResults = pageSize, NextToken = nextToken }, ct),
            "Users", IdentityJson.User);

    public async Task<IdentityUser> DescribeUserAsync(string identityStoreId, string userId, CancellationToken ct) =>
        IdentityJson.User(await CallAsync("DescribeUser", identityStoreId, new { IdentityStoreId = identityStoreId, UserId = userId }, ct)
            ?? throw new InvalidDataException("DescribeUser answered with no user."));

    public async Task<string> GetUserIdAsync(string identityStoreId, string userName, CancellationToken ct)
    {
        var body = new
        {
            IdentityStoreId = identityStoreId,
            AlternateIdentifier = new { UniqueAttribute = new { AttributePath = "userName", AttributeValue = userName } },
        };
        return IdentityJson.Required(await CallAsync("GetUserId", identityStoreId, body, ct), "UserId");
    }

    public async Task<Page<IdentityGroup>> ListGroupsAsync(string identityStoreId, string? nextToken, CancellationToken ct) =>
        IdentityJson.Page(await CallAsync("ListGroups", identityStoreId, new { IdentityStoreId = identityStoreId, MaxResults = pageSize, NextToken = nextToken }, ct),
            "Groups", IdentityJson.Group);

    public async Task<Page<GroupMembership>> ListGroupMembershipsAsync(string identityStoreId, string groupId, string? nextToken, CancellationToken ct)
    {
        var body = new { IdentityStoreId = identityStoreId, GroupId = groupId, MaxResults = pageSize, NextToken = nextToken };
        return IdentityJson.Page(await CallAsync("ListGroupMemberships", identityStoreId, body, ct), "GroupMemberships", IdentityJson.Membership);
    }

    public async Task<Page<GroupMembership>> ListGroupMembershipsForMemberAsync(string identityStoreId, string userId, string? nextToken, CancellationToken ct)
    {
        var body = new { IdentityStoreId = identityStoreId, MemberId = new { UserId = userId }, MaxResults = pageSize, NextToken = nextToken };
        return IdentityJson.Page(await CallAsync("ListGroupMembershipsForMember", identityStoreId, body, ct), "GroupMemberships", IdentityJson.Membership);
    }

    private Task<System.Text.Json.Nodes.JsonNode?> CallAsync(string operation, string identityStoreId, object body, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identityStoreId);
        return calls.CallAsync(TargetPrefix + operation, body, pacers.For(identityStoreId), ct);
    }

    public void Dispose() => calls.Dispose();
}
