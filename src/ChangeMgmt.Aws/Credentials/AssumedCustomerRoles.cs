using System.Collections.Concurrent;
using Amazon.SecurityToken;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws.Credentials;

/// <summary>
/// Customer roles assumed with the caller's own credentials (<see cref="AwsSettings.Credentials"/>):
/// one cached, self-refreshing <see cref="AssumedRoleCredentials"/> per customer, role, ARN and
/// external id, so that one customer's credentials are never handed out for another.
/// </summary>
public sealed class AssumedCustomerRoles : ICustomerRoles, IDisposable
{
    private readonly AwsSettings _settings;
    private readonly TimeSpan _refreshBefore;
    private readonly Lazy<IAmazonSecurityTokenService> _sts;
    private readonly ConcurrentDictionary<AssumedRole, AssumedRoleCredentials> _cache = new();

    public AssumedCustomerRoles(AwsSettings settings, TimeSpan? refreshBefore = null)
        : this(settings, refreshBefore, () => CreateStsClient(settings, settings.Region))
    {
    }

    internal AssumedCustomerRoles(AwsSettings settings, TimeSpan? refreshBefore, Func<IAmazonSecurityTokenService> createSts)
    {
        _settings = settings;
        _refreshBefore = refreshBefore ?? AssumedRoleCredentials.DefaultRefreshBefore;
        _sts = new Lazy<IAmazonSecurityTokenService>(createSts);
    }

    /// <summary>
    /// STS signed with the caller's credentials. The caller's own region is used (always enabled for
    /// the caller; regional STS tokens are valid in every region), not the customer's.
    /// </summary>
    public static AmazonSecurityTokenServiceClient CreateStsClient(AwsSettings settings, string region) =>
        new(settings.Credentials, AwsClientConfigs.For(new AmazonSecurityTokenServiceConfig(), settings, AwsService.Sts, region));

    public static string ConfigField(CustomerRole role) => role switch
    {
        CustomerRole.Ses => "ses_role_arn",
        CustomerRole.IdentityCenter => "identity_center_role_arn",
        CustomerRole.Route53 => "route53_config.role_arn",
        CustomerRole.Organization => "organization_role_arn",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public Amazon.Runtime.AWSCredentials For(CustomerConfig customer, CustomerRole role) => Assumed(customer, role);

    /// <summary>As <see cref="For"/>, typed: the role and expiry are visible.</summary>
    public AssumedRoleCredentials Assumed(CustomerConfig customer, CustomerRole role)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var key = new AssumedRole(
            customer.CustomerCode,
            role,
            RoleArn(customer, role),
            RoleSessionNames.For(_settings.CallerName, customer.CustomerCode),
            string.IsNullOrWhiteSpace(customer.ExternalId) ? null : customer.ExternalId);
        return _cache.GetOrAdd(key, k => new AssumedRoleCredentials(_sts.Value, _settings, k, _refreshBefore));
    }

    /// <summary>A role of the MSP's own (route53_config.role_arn), cached and refreshed as the customers' roles are; logs and errors name it "route53".</summary>
    public AssumedRoleCredentials Shared(CustomerRole role, string roleArn)
    {
        var key = new AssumedRole("route53", role, roleArn, RoleSessionNames.For(_settings.CallerName, "route53"), null);
        return _cache.GetOrAdd(key, k => new AssumedRoleCredentials(_sts.Value, _settings, k, _refreshBefore));
    }

    private static string RoleArn(CustomerConfig customer, CustomerRole role)
    {
        var arn = role switch
        {
            CustomerRole.Ses => customer.SesRoleArn,
            CustomerRole.Organization => customer.OrganizationRoleArn,
            _ => customer.IdentityCenterRoleArn,
        };
        if (!string.IsNullOrWhiteSpace(arn)) return arn;
        var field = ConfigField(role);
        throw new ConfigException([new ConfigProblem(
            "config.json",
            $"customer_mappings.{customer.CustomerCode}.{field}",
            $"Customer '{customer.CustomerCode}' has no {field}, so its {Reached(role)} cannot be reached.",
            $"Set {field} to the ARN of the role ChangeMgmt assumes in that customer's account (arn:aws:iam::123456789012:role/name).")]);
    }

    private static string Reached(CustomerRole role) => role switch
    {
        CustomerRole.Ses => "SES account",
        CustomerRole.Organization => "AWS Organization",
        _ => "IAM Identity Center",
    };

    public void Dispose()
    {
        if (_sts.IsValueCreated) _sts.Value.Dispose();
    }
}
