using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// The security, billing and operations alternate contacts of every account of every customer organization: read,
/// planned (reads only: what -WhatIf shows), applied after a backup, restored, compared with config. Customers run in
/// parallel; within one organization calls go one at a time under the adapter's pacer. A failing organization or
/// account is reported with its fix and the rest go on.
/// </summary>
public sealed class AlternateContactService(IOrganizationProvider organizations, ChangeMgmtConfig config, IReadOnlyList<OrgConfigEntry> orgConfig, TimeProvider time)
{
    /// <summary>
    /// Reads only, through each customer's read-only role (<c>organization_reader_role_arn</c>, else the organization
    /// role): the server's drift checks. Applying a plan is refused.
    /// </summary>
    public bool ReadsOnly { get; init; }

    /// <summary>Told after each account read (reads are most of a command's time: hundreds of accounts at a few calls a second).</summary>
    public IProgress<AccountsRead>? ReadProgress { get; init; }

    public AlternateContactService(IOrganizationProvider organizations, LoadedConfig loaded, TimeProvider time)
        : this(organizations, loaded.Config, loaded.Organizations, time)
    {
    }

    public Task<ContactReading> GetAsync(IEnumerable<CustomerConfig> customers, AlternateContactFilter filter, CancellationToken ct) =>
        PerCustomerAsync(customers, (customer, ct) => ReadAsync(customer, filter, ct), ct);

    /// <summary>What the configured contacts (or <paramref name="desired"/> for every customer) would change.</summary>
    public async Task<ContactPlan> PlanSetAsync(IEnumerable<CustomerConfig> customers, AlternateContactFilter filter, bool overwrite,
        IReadOnlyDictionary<AlternateContactType, AlternateContact>? desired, CancellationToken ct)
    {
        var list = customers.ToList();
        var wanted = list.ToDictionary(c => c.CustomerCode, c => desired ?? Configured(c), StringComparer.Ordinal);
        var unconfigured = list.Where(c => wanted[c.CustomerCode].Count == 0).ToList();
        var reading = await GetAsync(list.Except(unconfigured), filter with { Types = [.. filter.TypesOrAll.Where(t => wanted.Values.Any(w => w.ContainsKey(t)))] }, ct);
        var plan = Plan(reading, wanted, overwrite);
        return plan with { Failures = [.. plan.Failures, .. unconfigured.Select(ContactErrors.NoContactsConfigured), .. desired is null ? list.SelectMany(Incomplete) : []] };
    }

    private static ContactPlan Plan(ContactReading reading, IReadOnlyDictionary<string, IReadOnlyDictionary<AlternateContactType, AlternateContact>> wanted, bool overwrite) => new(
        [.. reading.Contacts
            .Where(c => wanted[c.CustomerCode].ContainsKey(c.Type))
            .Select(c => ContactPlanner.Set(c, wanted[c.CustomerCode][c.Type], overwrite))],
        reading.Failures);

    public async Task<ContactPlan> PlanRemoveAsync(IEnumerable<CustomerConfig> customers, AlternateContactFilter filter, CancellationToken ct)
    {
        var reading = await GetAsync(customers, filter, ct);
        return new([.. reading.Contacts.Select(ContactPlanner.Remove)], reading.Failures);
    }

    /// <summary>Back to the backup's contacts, for the backed-up accounts that are still in their organization and covered by the filter.</summary>
    public async Task<ContactPlan> PlanRestoreAsync(AlternateContactBackup backup, AlternateContactFilter filter, CancellationToken ct)
    {
        var backedUp = backup.Contacts.ToDictionary(c => (c.CustomerCode, c.AccountId, c.Type));
        var customers = backup.Contacts.Select(c => c.CustomerCode).Distinct().Select(code => config.FindCustomer(code)
            ?? throw new UnknownCustomerException(code, config.CustomerMappings.Keys));
        var reading = await GetAsync(customers, filter with { Types = [.. filter.TypesOrAll.Where(t => backup.Contacts.Any(c => c.Type == t))] }, ct);
        var changes = reading.Contacts
            .Where(c => backedUp.ContainsKey((c.CustomerCode, c.AccountId, c.Type)))
            .Select(c => ContactPlanner.Restore(c, backedUp[(c.CustomerCode, c.AccountId, c.Type)].Contact));
        return new([.. changes], reading.Failures);
    }

    /// <summary>Accounts whose contacts differ from config, with a summary per customer.</summary>
    public async Task<ContactDrift> DriftAsync(IEnumerable<CustomerConfig> customers, AlternateContactFilter filter, CancellationToken ct)
    {
        var list = customers.ToList();
        return DriftOf(list, await PlanSetAsync(list, filter, overwrite: true, desired: null, ct));
    }

    /// <summary>
    /// One customer's drift check, worked until <paramref name="deadline"/> and resumed from <paramref name="progress"/>:
    /// the first step checks the prerequisites and lists the accounts, each step reads accounts in order while time is
    /// left; the drift comes with the step that reads the last one (or finds a prerequisite missing).
    /// </summary>
    public async Task<ContactCheckStep> CheckStepAsync(CustomerConfig customer, ContactCheckProgress? progress, DateTimeOffset deadline, CancellationToken ct)
    {
        var wanted = Configured(customer);
        var organization = OrganizationOf(customer);
        ContactCheckStep Done(ContactReading reading)
        {
            var plan = Plan(reading, new Dictionary<string, IReadOnlyDictionary<AlternateContactType, AlternateContact>> { [customer.CustomerCode] = wanted }, overwrite: true);
            return new(DriftOf([customer], plan with { Failures = [.. plan.Failures, .. Incomplete(customer)] }), null);
        }

        if (wanted.Count == 0) return Done(new([], [ContactErrors.NoContactsConfigured(customer)]));
        if (organization.RoleArn is null) return Done(new([], [ContactErrors.NoRole(organization)]));
        try
        {
            var reader = new OrganizationContactReader(organizations.For(customer, organization), organization, ReadProgress);
            if (progress is null)
            {
                var (opened, failure) = await reader.OpenAsync(ct);
                if (opened is null) return Done(new([], [failure!]));
                progress = new(time.GetUtcNow(), opened.ManagementAccountId, opened.Accounts, 0, [], []);
            }
            var contacts = progress.Contacts.ToList();
            var failures = progress.Failures.ToList();
            var read = progress.Read;
            for (; read < progress.Accounts.Count && time.GetUtcNow() < deadline; read++)
            {
                var (accountContacts, refused) = await reader.ReadAccountAsync(progress.Accounts[read], progress.ManagementAccountId, [.. wanted.Keys], ct);
                contacts.AddRange(accountContacts);
                if (refused is not null) failures.Add(refused);
            }
            return read < progress.Accounts.Count
                ? new(null, progress with { Read = read, Contacts = contacts, Failures = failures })
                : Done(new(contacts, failures));
        }
        catch (Exception error) when (ContactErrors.IsFailure(error))
        {
            return Done(new([], [ContactErrors.From(error, organization, null, "sts:AssumeRole")]));
        }
    }

    private OrganizationConfig OrganizationOf(CustomerConfig customer) =>
        ReadsOnly ? OrganizationConfig.ForReading(customer, orgConfig) : OrganizationConfig.For(customer, orgConfig);

    private static ContactDrift DriftOf(IReadOnlyList<CustomerConfig> customers, ContactPlan plan) => new(
        [.. plan.Changes.Where(c => c.Action == ContactAction.Set)],
        [.. customers.Select(c => ContactDriftReport.Summarize(c.CustomerCode, plan))],
        plan.Failures);

    /// <summary>
    /// Writes a backup of every planned account's current contacts to <paramref name="backupDirectory"/>, then makes the
    /// plan's writes, one organization per task; each account's failure is reported and the others go on.
    /// </summary>
    public async Task<ContactApplyResult> ApplyAsync(ContactPlan plan, string backupDirectory, string? reason, IProgress<ContactOutcome>? progress, CancellationToken ct)
    {
        if (ReadsOnly) throw new InvalidOperationException("This alternate contact service reads only (the server's drift checks); contacts are set with the cmdlets.");
        var writes = plan.Writes.ToList();
        if (writes.Count == 0) return new(null, [], plan.Failures);
        var affected = writes.Select(w => (w.Before.CustomerCode, w.Before.AccountId)).ToHashSet();
        var backup = new AlternateContactBackup(AlternateContactBackup.CurrentFormat, time.GetUtcNow(), reason,
            [.. plan.Changes.Select(c => c.Before).Where(b => affected.Contains((b.CustomerCode, b.AccountId)))]);
        var path = await backup.WriteAsync(backupDirectory, ct);
        var customers = writes.Select(w => w.Before.CustomerCode).Distinct().Select(code => config.FindCustomer(code)!);
        var outcomes = await Task.WhenAll(customers.Select(c => ApplyAsync(c, writes.Where(w => w.Before.CustomerCode == c.CustomerCode), progress, ct)));
        return new(path, [.. outcomes.SelectMany(o => o)], plan.Failures);
    }

    private async Task<List<ContactOutcome>> ApplyAsync(CustomerConfig customer, IEnumerable<ContactChange> writes, IProgress<ContactOutcome>? progress, CancellationToken ct)
    {
        var organization = OrganizationOf(customer);
        var outcomes = new List<ContactOutcome>();
        foreach (var change in writes)
        {
            var outcome = await ContactWriter.WriteAsync(organizations, customer, organization, change, ct);
            outcomes.Add(outcome);
            progress?.Report(outcome);
        }
        return outcomes;
    }

    private async Task<ContactReading> ReadAsync(CustomerConfig customer, AlternateContactFilter filter, CancellationToken ct)
    {
        var organization = OrganizationOf(customer);
        if (organization.RoleArn is null) return new([], [ContactErrors.NoRole(organization)]);
        try
        {
            return await new OrganizationContactReader(organizations.For(customer, organization), organization, ReadProgress).ReadAsync(filter, ct);
        }
        catch (Exception error) when (ContactErrors.IsFailure(error))
        {
            return new([], [ContactErrors.From(error, organization, null, "sts:AssumeRole")]);
        }
    }

    private static async Task<ContactReading> PerCustomerAsync(IEnumerable<CustomerConfig> customers, Func<CustomerConfig, CancellationToken, Task<ContactReading>> read, CancellationToken ct)
    {
        var readings = await Task.WhenAll(customers.Select(c => read(c, ct)));
        return new([.. readings.SelectMany(r => r.Contacts)], [.. readings.SelectMany(r => r.Failures)]);
    }

    private Dictionary<AlternateContactType, AlternateContact> Configured(CustomerConfig customer)
    {
        var fields = ContactConfig.For(config, customer).Types().ToList();
        return AlternateContactTypes.All
            .Select(t => (Type: t, Contact: AlternateContact.From(fields.Single(f => f.Prefix == t.ConfigPrefix()))))
            .Where(t => t.Contact is not null)
            .ToDictionary(t => t.Type, t => t.Contact!);
    }

    private IEnumerable<ContactFailure> Incomplete(CustomerConfig customer) =>
        ContactConfig.Incomplete(config, customer, "config.json").Select(p => new ContactFailure(customer.CustomerCode, null, p.Message, $"{p.Path}: {p.Fix}"));
}
