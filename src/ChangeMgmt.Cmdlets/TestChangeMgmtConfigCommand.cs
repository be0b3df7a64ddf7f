using System.Management.Automation;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Checks config.json and SESConfig.json (one record per problem); with -Connectivity, that each
/// customer's role can be assumed and its SES account read; with -S3Event, that the bucket notifies
/// each customer's queue for its prefix; with -AlternateContacts, which accounts of each customer's organization have
/// alternate contacts that differ from contact_config (and a summary per customer). -Quiet returns only $true or $false.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ChangeMgmtConfig")]
[OutputType(typeof(ConfigProblem), typeof(ConnectivityResult), typeof(DeliverabilityResult), typeof(DeliverabilitySummary), typeof(S3EventCheckResult), typeof(ContactChange), typeof(ContactDriftSummary), typeof(bool))]
public sealed class TestChangeMgmtConfigCommand : CustomerCmdletBase
{
    /// <summary>Assume each customer's SES role and read its account (send quota, contact list).</summary>
    [Parameter]
    public SwitchParameter Connectivity { get; set; }

    /// <summary>Check each customer's account will deliver: production access, sending, identity, DKIM, MAIL FROM, configuration set, quota.</summary>
    [Parameter]
    public SwitchParameter Deliverability { get; set; }

    /// <summary>With -Deliverability (implied): the SES DNS records resolve to the expected values (Unknown where DNS cannot be reached).</summary>
    [Parameter]
    public SwitchParameter Dns { get; set; }

    /// <summary>Compare the bucket's event notifications with every customer's prefix and queue.</summary>
    [Parameter]
    public SwitchParameter S3Event { get; set; }

    /// <summary>Compare every account's alternate contacts with contact_config: the differing ones, then a summary per customer.</summary>
    [Parameter]
    public SwitchParameter AlternateContacts { get; set; }

    /// <summary>Return only $true (no problem) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private protected override bool LoadsConfigAtStart => false;

    private AlternateContactAccess? _organizations;

    protected override void ProcessRecord()
    {
        var problems = ConfigChecks.Problems(ResolvedConfigPath);
        var ok = problems.Count == 0;
        if (!Quiet) WriteObject(problems, enumerateCollection: true);
        if (Dns) Deliverability = true;
        if (!ok && (Connectivity || Deliverability || S3Event || AlternateContacts))
            WriteWarning("The configuration has problems; the AWS checks were not run. Fix the problems above first.");
        if (ok && (Connectivity || Deliverability || S3Event || AlternateContacts))
        {
            var customers = Customer is { Length: > 0 } || All ? SelectedCustomers() : Config.Config.Customers.OrderBy(c => c.CustomerCode, StringComparer.Ordinal).ToList();
            if (Connectivity) ok &= CheckConnectivity(customers);
            if (Connectivity || Deliverability) ok &= CheckDeliverability(customers, Deliverability ? DeliverabilityScope.Full : DeliverabilityScope.Basic);
            if (S3Event) ok &= CheckS3Events(customers);
            if (AlternateContacts) ok &= CheckAlternateContacts(customers);
        }
        if (Quiet) WriteObject(ok);
    }

    private bool CheckConnectivity(IReadOnlyList<CustomerConfig> customers)
    {
        var reachable = 0;
        var check = new ConnectivityCheck(Backend.SesAccounts);
        ForEachCustomer(customers, "Checking connectivity", "Connectivity", async (customer, pump, ct) =>
        {
            var result = await check.RunAsync(customer, ct);
            if (result.Status == ConnectivityStatus.Reachable) Interlocked.Increment(ref reachable);
            if (!Quiet) pump.Post(() => WriteObject(result));
        });
        return reachable == customers.Count;
    }

    private bool CheckDeliverability(IReadOnlyList<CustomerConfig> customers, DeliverabilityScope scope)
    {
        var all = new System.Collections.Concurrent.ConcurrentBag<DeliverabilityResult>();
        var failed = 0;
        var check = new DeliverabilityCheck(Config.Email, Backend.SesAccounts);
        var dns = Dns ? new DnsRecordCheck(new SesDnsRecordService(Config, Backend.SesAccounts, null), Backends.DnsResolver()) : null;
        ForEachCustomer(customers, "Checking deliverability", "Deliverability", async (customer, pump, ct) =>
        {
            try
            {
                var results = await check.RunAsync(customer, scope, ct);
                if (dns is not null) results = [.. results, .. await dns.RunAsync(customer, ct)];
                foreach (var result in results) all.Add(result);
                if (!Quiet) pump.Post(() => WriteObject(results, enumerateCollection: true));
            }
            catch
            {
                Interlocked.Increment(ref failed);
                throw;
            }
        });
        var summary = DeliverabilitySummary.Of(all);
        if (!Quiet && scope == DeliverabilityScope.Full) WriteObject(summary);
        return failed == 0 && summary.AllReady && summary.Customers == customers.Count;
    }

    private bool CheckAlternateContacts(IReadOnlyList<CustomerConfig> customers)
    {
        var drifting = 0;
        _organizations = new AlternateContactAccess(() => AwsSettings, new());
        ForEachCustomer(customers, "Comparing alternate contacts with config", "AlternateContact", async (customer, pump, ct) =>
        {
            ContactDrift drift;
            try
            {
                drift = await _organizations.ServiceFor(Config, customer, pump, this, "reading alternate contacts").DriftAsync([customer], AlternateContactFilter.All, ct);
            }
            catch
            {
                Interlocked.Increment(ref drifting);
                throw;
            }
            if (drift.Customers.Any(c => c.Drifted > 0 || c.Failed > 0) || drift.Failures.Count > 0) Interlocked.Increment(ref drifting);
            pump.Post(() =>
            {
                foreach (var failure in drift.Failures) WriteError(Errors.For(failure));
                if (Quiet) return;
                WriteObject(drift.Differences, enumerateCollection: true);
                WriteObject(drift.Customers, enumerateCollection: true);
            });
        });
        return drifting == 0;
    }

    protected override void OnDispose()
    {
        base.OnDispose();
        _organizations?.Dispose();
    }

    private bool CheckS3Events(IReadOnlyList<CustomerConfig> customers)
    {
        IReadOnlyList<S3EventCheckResult> results;
        try
        {
            results = Await(ct => S3EventCheck.RunAsync(Config.Config, Backend.BucketNotifications, customers, ct));
        }
        catch (Exception ex) when (ex is ChangeMgmt.Core.Errors.ServiceException or HttpRequestException)
        {
            WriteError(Errors.For(ex, "BucketNotification", Backend.BucketNotifications.BucketName));
            return false;
        }
        if (!Quiet) WriteObject(results, enumerateCollection: true);
        return results.All(r => r.Status == S3EventStatus.InSync);
    }
}
