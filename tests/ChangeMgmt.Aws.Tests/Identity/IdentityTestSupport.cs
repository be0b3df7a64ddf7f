using Amazon.Runtime;
using ChangeMgmt.Core.Configuration;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws.Tests.Identity;

internal static class IdentityTestSupport
{
    public const string Region = "us-east-1";
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    public static AwsSettings Settings(AwsEndpoints endpoints, TimeProvider? time = null) =>
        new(Region, Credentials, endpoints, time ?? TimeProvider.System, RetryPolicy.Default);

    /// <summary>Every service at one stub URL, as <c>AWS_ENDPOINT_URL</c> would.</summary>
    public static AwsEndpoints At(string url) => new(name => name == "AWS_ENDPOINT_URL" ? url : null);
}

/// <summary>Hands out fixed credentials and remembers which customer roles were asked for.</summary>
internal sealed class FixedCustomerRoles(AWSCredentials credentials) : ICustomerRoles
{
    public List<(string Customer, CustomerRole Role)> Requests { get; } = [];

    public AWSCredentials For(CustomerConfig customer, CustomerRole role)
    {
        Requests.Add((customer.CustomerCode, role));
        return credentials;
    }
}

/// <summary>Creates users, groups and memberships in an identity store through the same signed JSON 1.1 client.</summary>
internal sealed class IdentitySeed(Uri endpoint, string identityStoreId) : IDisposable
{
    private readonly SignedJsonClient client = new(IdentityTestSupport.Credentials, IdentityTestSupport.Region, "identitystore", endpoint, null);

    public async Task<string> UserAsync(string userName, string given, string family, string email)
    {
        var created = await client.TargetAsync("AWSIdentityStore.CreateUser", new
        {
            IdentityStoreId = identityStoreId,
            UserName = userName,
            DisplayName = $"{given} {family}",
            Name = new { GivenName = given, FamilyName = family },
            Emails = new[] { new { Value = email, Type = "work", Primary = true } },
        }, CancellationToken.None);
        return (string)created!["UserId"]!;
    }

    public async Task<string> GroupAsync(string displayName, string description)
    {
        var created = await client.TargetAsync("AWSIdentityStore.CreateGroup",
            new { IdentityStoreId = identityStoreId, DisplayName = displayName, Description = description }, CancellationToken.None);
        return (string)created!["GroupId"]!;
    }

    public async Task<string> MembershipAsync(string groupId, string userId)
    {
        var created = await client.TargetAsync("AWSIdentityStore.CreateGroupMembership",
            new { IdentityStoreId = identityStoreId, GroupId = groupId, MemberId = new { UserId = userId } }, CancellationToken.None);
        return (string)created!["MembershipId"]!;
    }

    public void Dispose() => client.Dispose();
}
