namespace ChangeMgmt.Core.AlternateContacts;

internal static class ContactDriftReport
{
    /// <summary>An account drifts when one of its configured contacts would be set; it matches when none would.</summary>
    public static ContactDriftSummary Summarize(string customerCode, ContactPlan plan)
    {
        var accounts = plan.Changes.Where(c => c.Before.CustomerCode == customerCode).GroupBy(c => c.Before.AccountId).ToList();
        var drifted = accounts.Count(a => a.Any(c => c.Action == ContactAction.Set));
        var failed = plan.Failures.Count(f => f.CustomerCode == customerCode);
        return new(customerCode, accounts.Count, accounts.Count - drifted, drifted, failed);
    }
}
