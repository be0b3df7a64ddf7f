using System.Management.Automation;
using ChangeMgmt.Aws;
using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// One command's way into customers' organizations: one provider (its role sessions and per-organization pacers
/// shared by every customer's work), a service per customer reporting its account reads as that customer's progress.
/// </summary>
internal sealed class AlternateContactAccess(Func<AwsSettings> settings, OrganizationOptions options) : IDisposable
{
    private readonly Lock _sync = new();
    private AwsOrganizationProvider? _organizations;

    public AlternateContactService ServiceFor(LoadedConfig config, CustomerConfig customer, PipelinePump pump, Cmdlet cmdlet, string activity) =>
        new(Organizations, config, TimeProvider.System)
        {
            ReadProgress = new PumpProgress<AccountsRead>(pump, cmdlet,
                new ProgressRecord(ProgressIds.ForCustomer(customer.CustomerCode), $"{customer.CustomerCode}: {activity}", "listing accounts"), (record, read) =>
                {
                    record.StatusDescription = $"{read.Done} of {read.Total} accounts{(read.LastAccountId is { } id ? $" ({id} read)" : "")}";
                    record.PercentComplete = read.Total == 0 ? 100 : read.Done * 100 / read.Total;
                    if (read.Done == read.Total) record.RecordType = ProgressRecordType.Completed;
                }),
        };

    private AwsOrganizationProvider Organizations
    {
        get
        {
            lock (_sync) return _organizations ??= new AwsOrganizationProvider(settings(), options);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _organizations?.Dispose();
            _organizations = null;
        }
    }
}
