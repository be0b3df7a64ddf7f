using System.Management.Automation;
using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that change alternate contacts: each customer's plan is read first (all -WhatIf does: it outputs the plan),
/// confirmed, backed up, then written account by account with progress; each account's failure is its own error.
/// </summary>
public abstract class AlternateContactWriteCmdletBase : AlternateContactCmdletBase
{
    /// <summary>Where the backup taken before any change goes; else the contact-list backups' directory.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BackupDirectory { get; set; }

    /// <summary>Account API writes (Put/DeleteAlternateContact) per second per organization; AWS allows 1 deletion a second.</summary>
    [Parameter]
    [ValidateRange(0.1, 5)]
    public double WritesPerSecond { get; set; } = new OrganizationOptions().WritesPerSecond;

    private protected override double Writes => WritesPerSecond;

    /// <summary>The backup directory, resolved on the pipeline thread.</summary>
    private protected string ResolvedBackupDirectory => BackupDirectory is null
        ? ContactListBackups.DefaultDirectory(Config)
        : Path.GetFullPath(BackupDirectory, SessionState.Path.CurrentFileSystemLocation.ProviderPath);

    /// <summary>Confirms and applies one customer's plan (<paramref name="verb"/>: what the writes do, e.g. "Set").</summary>
    private protected async Task ApplyAsync(CustomerConfig customer, AlternateContactService service, ContactPlan plan, string verb, ApplyContext context, PipelinePump pump, CancellationToken ct)
    {
        pump.Post(() => { foreach (var failure in plan.Failures) WriteFailure(failure); });
        var writes = plan.Writes.Count();
        var target = $"{customer.CustomerCode}: {plan.Changes.Select(c => c.AccountId).Distinct().Count()} accounts";
        if (writes == 0 && !context.WhatIf)
        {
            if (plan.Changes.Count > 0) pump.Post(() => Tell($"{target}: nothing to change ({Describe(plan)}).", "ChangeMgmt.AlternateContact"));
            return;
        }
        if (!await pump.InvokeAsync(() => ShouldProcess(target, $"{verb} {writes} alternate contacts ({Describe(plan)})")))
        {
            if (context.WhatIf) pump.Post(() => WriteObject(plan.Changes, enumerateCollection: true));
            return;
        }
        var progress = PumpProgress.Count(pump, this, customer.CustomerCode, $"{customer.CustomerCode}: {verb.ToLowerInvariant()} alternate contacts", writes);
        var result = await service.ApplyAsync(plan with { Failures = [] }, context.BackupDirectory, context.Reason, new CountingProgress<ContactOutcome>(progress), ct);
        progress.Complete();
        pump.Post(() =>
        {
            if (result.BackupPath is { } path) Tell($"{customer.CustomerCode}: alternate contacts before the change are backed up at {path}", "ChangeMgmt.Backup");
            foreach (var outcome in result.Outcomes)
            {
                if (outcome.Failure is { } failure) WriteFailure(failure);
                else WriteObject(outcome.Change);
            }
        });
    }

    /// <summary>What the command knows before its customers run in parallel (read on the pipeline thread).</summary>
    private protected ApplyContext Context(string reason) => new(WhatIfMode, ResolvedBackupDirectory, reason);

    private static string Describe(ContactPlan plan) =>
        string.Join(", ", plan.Changes.GroupBy(c => c.Action).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));

    private protected sealed record ApplyContext(bool WhatIf, string BackupDirectory, string Reason);
}
