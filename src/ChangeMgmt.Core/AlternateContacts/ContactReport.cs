namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>Where a customer's report stands: never checked yet, checked (counts as of <see cref="ContactReport.CheckedAt"/>), or not set up for alternate contacts.</summary>
public enum ContactReportState { NotChecked, Checked, NotConfigured }

/// <summary>A contact as a report shows it: who, and where mail goes.</summary>
public sealed record ReportedContact(string Name, string Email)
{
    public static ReportedContact? Of(AlternateContact? contact) => contact is null ? null : new(contact.Name, contact.Email);
}

/// <summary>One contact type of an account that differs from config: what it has (null: none) and what config wants.</summary>
public sealed record ContactDifference(AlternateContactType Type, ReportedContact? Current, ReportedContact Configured);

/// <summary>An account with at least one contact that differs from config.</summary>
public sealed record DriftingAccount(string AccountId, string AccountName, bool IsManagementAccount, IReadOnlyList<ContactDifference> Differences);

/// <summary>
/// One customer's last drift check (stored as <c>alternate-contacts/{code}.json</c>): accounts read, how many match
/// config, the drifting ones with each difference, and what could not be read with its fix. <see cref="NotConfigured"/>
/// says why a customer is not checked; <see cref="CheckRequestedAt"/> that an admin asked for a fresh check.
/// </summary>
public sealed record ContactReport(
    string CustomerCode, string CustomerName, ContactReportState State, DateTimeOffset? CheckedAt,
    int Accounts, int Matching, int Drifting, int Failed,
    IReadOnlyList<DriftingAccount> DriftingAccounts, IReadOnlyList<ContactFailure> Failures,
    ContactFailure? NotConfigured = null, DateTimeOffset? CheckRequestedAt = null)
{
    /// <summary>The report of one customer's drift check.</summary>
    public static ContactReport Checked(string customerCode, string customerName, DateTimeOffset checkedAt, ContactDrift drift)
    {
        var summary = drift.Customers.Single(c => c.CustomerCode == customerCode);
        var accounts = drift.Differences
            .GroupBy(d => d.Before.AccountId)
            .Select(g => new DriftingAccount(g.Key, g.First().Before.AccountName, g.First().Before.IsManagementAccount,
                [.. g.Select(d => new ContactDifference(d.Before.Type, ReportedContact.Of(d.Before.Contact), ReportedContact.Of(d.After)!))]))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal);
        return new(customerCode, customerName, ContactReportState.Checked, checkedAt, summary.Accounts, summary.Matching, summary.Drifted, summary.Failed,
            [.. accounts], drift.Failures);
    }

    public static ContactReport NotCheckedYet(string customerCode, string customerName) =>
        new(customerCode, customerName, ContactReportState.NotChecked, null, 0, 0, 0, 0, [], []);

    public static ContactReport Unconfigured(string customerCode, string customerName, ContactFailure why) =>
        new(customerCode, customerName, ContactReportState.NotConfigured, null, 0, 0, 0, 0, [], [], why);

    /// <summary>The counts without the accounts and failures, as a list of customers shows them.</summary>
    public ContactReportSummary Summary => new(CustomerCode, CustomerName, State, CheckedAt, Accounts, Matching, Drifting, Failed, NotConfigured, CheckRequestedAt);
}

/// <summary>A customer's report as a list shows it: the counts, not the accounts.</summary>
public sealed record ContactReportSummary(
    string CustomerCode, string CustomerName, ContactReportState State, DateTimeOffset? CheckedAt,
    int Accounts, int Matching, int Drifting, int Failed, ContactFailure? NotConfigured, DateTimeOffset? CheckRequestedAt);

/// <summary>The customer is unknown, or not one the caller may see: the same answer either way.</summary>
public sealed class ContactReportNotFoundException(string customerCode)
    : Exception($"No customer '{customerCode}' among the customers whose alternate contacts you may see.")
{
    public string CustomerCode { get; } = customerCode;
}
