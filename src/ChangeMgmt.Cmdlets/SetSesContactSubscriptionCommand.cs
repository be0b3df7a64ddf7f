using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Subscribes contacts to topics or unsubscribes them, in bulk from the pipeline
/// (Import-Csv … | Set-SesContactSubscription). Rows are gathered, then every customer runs in
/// parallel (each at its own account's pace); each list is backed up once before its first change.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SesContactSubscription", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerContact))]
public sealed class SetSesContactSubscriptionCommand : SesCmdletBase
{
    private readonly List<(CustomerConfig Customer, Row Row)> _rows = [];

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TopicName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TopicCompleter))]
    public string[] Topic { get; set; } = [];

    /// <summary>OptIn (subscribe) or OptOut (unsubscribe); OPT_IN / OPT_OUT are accepted too.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionStatus")]
    [ValidateSet("OptIn", "OptOut", "OPT_IN", "OPT_OUT")]
    public string Status { get; set; } = "";

    /// <summary>Sets (or clears) the contact's unsubscribe-from-everything flag as well.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanTextTransformation]
    public bool? UnsubscribeAll { get; set; }

    /// <summary>Creates contacts that are not in the list yet instead of reporting them.</summary>
    [Parameter]
    public SwitchParameter AddMissing { get; set; }

    private sealed record Row(string EmailAddress, IReadOnlyList<string> Topics, SubscriptionStatus Status, bool? UnsubscribeAll);

    protected override void ProcessRecord()
    {
        if (!TopicsConfigured(Topic)) return;
        foreach (var customer in SelectedCustomers())
            foreach (var address in EmailAddress)
                _rows.Add((customer, new Row(address, Topic, ParameterValues.Status(Status), UnsubscribeAll)));
    }

    protected override void EndProcessing()
    {
        var byCustomer = _rows.GroupBy(r => r.Customer.CustomerCode).ToDictionary(g => g.Key, g => g.Select(r => r.Row).ToList());
        var customers = _rows.Select(r => r.Customer).DistinctBy(c => c.CustomerCode).ToList();
        var backups = new BackupScope(Services.Backups, "before Set-SesContactSubscription");
        var addMissing = AddMissing.IsPresent;
        var done = 0;
        ForEachCustomer(customers, "Setting subscriptions", "Contact", async (customer, pump, ct) =>
        {
            var progress = PumpProgress.Count(pump, this, "(all customers)", "Setting subscriptions (all customers)", _rows.Count);
            var rows = byCustomer[customer.CustomerCode];
            foreach (var row in rows)
            {
                var verb = row.Status == SubscriptionStatus.OptIn ? "Subscribe to" : "Unsubscribe from";
                if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact {row.EmailAddress}", $"{verb} {string.Join(", ", row.Topics)}"))) continue;
                try
                {
                    await Services.Contacts.RequireTopicsAsync(customer, row.Topics, ct);
                    await EnsureBackupAsync(backups, customer, pump, ct);
                    var contact = await Services.Contacts.SetSubscriptionAsync(customer, row.EmailAddress, row.Topics, row.Status, row.UnsubscribeAll, addMissing, ct);
                    pump.Post(() => WriteObject(contact));
                }
                catch (ServiceException ex) when (ex.Kind is ServiceErrorKind.NotFound or ServiceErrorKind.Validation)
                {
                    pump.Post(() => WriteError(Errors.For(ex, "Contact", $"{customer.CustomerCode}: {row.EmailAddress}")));
                }
                finally
                {
                    progress.Report(Interlocked.Increment(ref done));
                }
            }
        });
        base.EndProcessing();
    }
}
