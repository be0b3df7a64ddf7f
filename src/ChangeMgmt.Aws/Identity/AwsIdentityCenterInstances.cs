using Amazon.Runtime;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws.Identity;

/// <summary>
/// SSO Admin ListInstances (<c>X-Amz-Target: SWBExternalService.ListInstances</c>, signing name
/// <c>sso</c>, host <c>sso.{region}.amazonaws.com</c>): the customer's Identity Center instance
/// and its identity store id. Paced and retried like the directory.
/// </summary>
public sealed class AwsIdentityCenterInstances : IIdentityCenterInstances, IDisposable
{
    public const string SigningName = "sso";
    private const string Target = "SWBExternalService.ListInstances";

    private readonly PacedJsonCalls calls;
    private readonly CallPacer pacer;
    private readonly int pageSize;

    public AwsIdentityCenterInstances(CustomerConfig customer, ICustomerRoles roles, AwsSettings settings, IdentityDirectoryOptions? options = null)
        : this(roles.For(customer, CustomerRole.IdentityCenter), customer.Region ?? settings.Region, settings, customer.CustomerCode, options)
    {
    }

    public AwsIdentityCenterInstances(AWSCredentials credentials, string region, AwsSettings settings, string? customerCode = null, IdentityDirectoryOptions? options = null)
    {
        options ??= new IdentityDirectoryOptions();
        pageSize = options.ValidPageSize();
        pacer = new CallPacer(options.Pacers?.RequestsPerSecond ?? options.RequestsPerSecond, settings.Time);
        var endpoint = settings.Endpoints.For(AwsService.SsoAdmin, region);
        calls = new PacedJsonCalls(new SignedJsonClient(credentials, region, SigningName, endpoint, customerCode, options.Handler, settings.Log), settings);
    }

    public async Task<Page<IdentityCenterInstance>> ListInstancesAsync(string? nextToken, CancellationToken ct) =>
        IdentityJson.Page(await calls.CallAsync(Target, new ListInstancesRequest(pageSize, nextToken), AwsJsonContext.Wire.ListInstancesRequest, pacer, ct), "Instances", IdentityJson.Instance);

    public void Dispose() => calls.Dispose();
}
