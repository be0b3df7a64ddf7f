namespace ChangeMgmt.Core.Readiness;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum CheckStatus : long { Pass, Warn, Fail, Unknown }

/// <summary>One check of one customer's SES account; a Fail or Unknown says how to fix it.</summary>
public sealed record DeliverabilityResult(string CustomerCode, string Check, CheckStatus Status, string Detail, string? Fix = null)
{
    /// <summary>Whether mail to this customer may be lost: a failure, or a check that could not be made.</summary>
    public bool Blocks => Status is CheckStatus.Fail or CheckStatus.Unknown;
}

/// <summary>The customers checked, and which of them are not ready to receive change notifications.</summary>
public sealed record DeliverabilitySummary(int Customers, int Ready, int NotReady, IReadOnlyList<string> NotReadyCustomers)
{
    public bool AllReady => NotReady == 0;

    public static DeliverabilitySummary Of(IEnumerable<DeliverabilityResult> results)
    {
        var byCustomer = results.GroupBy(r => r.CustomerCode).ToList();
        var notReady = byCustomer.Where(g => g.Any(r => r.Blocks)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        return new(byCustomer.Count, byCustomer.Count - notReady.Count, notReady.Count, notReady);
    }
}

/// <summary>Whether a customer can be sent to now, and the first reason it cannot (for the portal and the cmdlets).</summary>
public sealed record CustomerReadiness(string CustomerCode, bool Ready, DeliverabilityResult? FirstFailure);
