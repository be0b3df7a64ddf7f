using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Identity;

/// <summary>
/// Each customer's IAM Identity Center for one command: the customer's identity_center_role_arn (or a
/// management-account role given instead), one shared rate pacer per identity store, and only Core
/// port types handed out, so callers never see an AWS SDK type.
/// </summary>
public sealed class IdentityCenterAccess : IDisposable
{
    private readonly AwsSettings _settings;
    private readonly AssumedCustomerRoles _roles;
    private readonly IdentityDirectoryOptions _options;
    private readonly string? _managementRoleArn;
    private readonly List<IDisposable> _opened = [];

    public IdentityCenterAccess(LoadedConfig config, string callerName, double requestsPerSecond, string? managementRoleArn)
        : this(DefaultAwsIdentity.Settings(config.Config, callerName), requestsPerSecond, managementRoleArn)
    {
    }

    /// <param name="settings">The caller's identity, region and endpoints (see <see cref="Caller.AwsCaller"/>).</param>
    public IdentityCenterAccess(AwsSettings settings, double requestsPerSecond, string? managementRoleArn)
    {
        _settings = settings;
        _roles = new AssumedCustomerRoles(_settings);
        _options = new IdentityDirectoryOptions { Pacers = new IdentityStorePacers(requestsPerSecond, _settings.Time) };
        _managementRoleArn = managementRoleArn;
    }

    public IIdentityDirectory Directory(CustomerConfig customer) => Keep(new AwsIdentityDirectory(RoleOf(customer), _roles, _settings, _options));

    public IIdentityCenterInstances Instances(CustomerConfig customer) => Keep(new AwsIdentityCenterInstances(RoleOf(customer), _roles, _settings, _options));

    /// <summary>With -ManagementRoleArn the management account's role is assumed instead of the customer's.</summary>
    private CustomerConfig RoleOf(CustomerConfig customer) =>
        _managementRoleArn is null ? customer : customer with { IdentityCenterRoleArn = _managementRoleArn };

    private T Keep<T>(T opened) where T : IDisposable
    {
        lock (_opened) _opened.Add(opened);
        return opened;
    }

    public void Dispose()
    {
        lock (_opened) foreach (var opened in _opened) opened.Dispose();
        _roles.Dispose();
    }
}
