using System.Management.Automation;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Identity;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that read customers' IAM Identity Center (always on AWS, through each customer's
/// identity_center_role_arn or -ManagementRoleArn), paced per identity store.
/// </summary>
public abstract class IdentityCmdletBase : SesCmdletBase
{
    private readonly Lock _sync = new();
    private IdentityCenterAccess? _access;

    /// <summary>The identity store; else the newest export file in -ExportDirectory; else SSO Admin ListInstances.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdentityStoreId { get; set; }

    /// <summary>A management-account role to assume instead of each customer's identity_center_role_arn.</summary>
    [Parameter]
    [ValidatePattern(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")]
    public string? ManagementRoleArn { get; set; }

    /// <summary>Identity Store requests per second per identity store (AWS allows 20).</summary>
    [Parameter]
    [ValidateRange(0.1, 20)]
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Group-membership listings in flight per customer.</summary>
    [Parameter]
    [ValidateRange(1, 20)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Where export files are looked for (and written by Export-IdentityCenterData); else beside config.json.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExportDirectory { get; set; }

    private protected string ResolvedExportDirectory =>
        ExportDirectory is null ? Config.ConfigDirectory : Path.GetFullPath(ExportDirectory, SessionState.Path.CurrentFileSystemLocation.ProviderPath);

    private IdentityCenterAccess Access
    {
        get
        {
            lock (_sync) return _access ??= new IdentityCenterAccess(AwsSettings, RequestsPerSecond, ManagementRoleArn);
        }
    }

    /// <summary>The customer's whole identity store (users, groups, memberships), with progress. <paramref name="directory"/>: export files (resolve it on the pipeline thread).</summary>
    private protected async Task<IdentityCenterSnapshot> ReadSnapshotAsync(CustomerConfig customer, PipelinePump pump, string directory, CancellationToken ct)
    {
        var location = await IdentityStoreLocator.LocateAsync(IdentityStoreId, directory, customer.CustomerCode, Access.Instances(customer), ct);
        var record = new ProgressRecord(ProgressIds.ForCustomer(customer.CustomerCode), $"{customer.CustomerCode}: reading {location.IdentityStoreId}", "starting");
        var progress = new PumpProgress<IdentityReadProgress>(pump, this, record, (r, value) =>
        {
            r.StatusDescription = $"{value.Stage}: {value.Done}{(value.Total is { } total ? $" of {total}" : "")}";
            if (value.Stage == IdentityReadStage.Done) r.RecordType = ProgressRecordType.Completed;
        });
        return await new IdentityCenterReader(Access.Directory(customer), MaxConcurrency).ReadAsync(location.IdentityStoreId, progress, ct);
    }

    /// <summary>One user by user name (GetUserId + DescribeUser) in the customer's identity store.</summary>
    private protected async Task<(string IdentityStoreId, Core.Ports.IdentityUser User)> ReadUserAsync(CustomerConfig customer, string userName, string directory, CancellationToken ct)
    {
        var location = await IdentityStoreLocator.LocateAsync(IdentityStoreId, directory, customer.CustomerCode, Access.Instances(customer), ct);
        var user = await new IdentityCenterReader(Access.Directory(customer), MaxConcurrency).ReadUserAsync(location.IdentityStoreId, userName, ct);
        return (location.IdentityStoreId, user);
    }

    protected override void OnDispose()
    {
        base.OnDispose();
        lock (_sync)
        {
            _access?.Dispose();
            _access = null;
        }
    }
}
