using System.Globalization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Rendering;

/// <summary>The placeholders every notification template may use. Absent fields are present as empty values.</summary>
internal static class NotificationValues
{
    public const string UntitledChange = "(untitled change)";

    /// <summary>The layout's header ("Change notification for …") and footer ("subscribed to change notifications for …").</summary>
    public const string NotificationLabel = "notificationLabel";
    public const string SubscriptionLabel = "subscriptionLabel";
    public const string ChangeNotificationLabel = "Change notification";
    public const string ChangeSubscriptionLabel = "change notifications";

    public static Dictionary<string, string?> For(Change change, CustomerConfig customer, EmailConfig email)
    {
        var zone = ChangeZone.For(change.Timezone);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["changeId"] = change.ChangeId,
            ["title"] = Title(change),
            ["version"] = change.Version.ToString(CultureInfo.InvariantCulture),
            ["customerName"] = customer.DisplayName,
            ["customerCode"] = customer.CustomerCode,
            [NotificationLabel] = ChangeNotificationLabel,
            [SubscriptionLabel] = ChangeSubscriptionLabel,
            ["reason"] = Clean(change.ChangeReason),
            ["customerImpact"] = Clean(change.CustomerImpact),
            ["implementationPlan"] = Clean(change.ImplementationPlan),
            ["testPlan"] = Clean(change.TestPlan),
            ["rollbackPlan"] = Clean(change.RollbackPlan),
            ["schedule"] = ScheduleText.Describe(change.ImplementationStart, change.ImplementationEnd, zone),
            ["scheduleNote"] = zone.Note,
            ["snowTicket"] = Clean(change.SnowTicket),
            ["jiraTicket"] = Clean(change.JiraTicket),
            ["changeUrl"] = PortalLinks.Change(email, change.ChangeId),
            ["approveUrl"] = PortalLinks.Approve(email, change.ChangeId),
            ["submittedBy"] = Clean(change.SubmittedBy),
            ["approvedBy"] = Clean(change.ApprovedBy),
            ["completedBy"] = Clean(change.CompletedBy),
            ["completedAt"] = ScheduleText.Instant(change.CompletedAt, zone),
            ["cancelledBy"] = Clean(change.CancelledBy),
            ["cancelledAt"] = ScheduleText.Instant(change.CancelledAt, zone),
            ["withdrawn"] = change.Customers.Contains(customer.CustomerCode) ? null : "yes",
            ["emergency"] = Clean(change.Emergency?.Reason),
            ["emergencyFreezes"] = change.Emergency is { Freezes.Count: > 0 } emergency ? string.Join(", ", emergency.Freezes.Select(f => f.Name ?? f.FreezeId)) : null,
        };
        foreach (var (name, value) in Changes(change, customer)) values[name] = value;
        return values;
    }

    /// <summary>
    /// An announcement or approval request after an earlier announcement: marked (updated, re-approval) and
    /// showing the window old → new and the number of organizations old → new. Other customers' names are
    /// never shown: each customer's email names only that customer.
    /// </summary>
    private static Dictionary<string, string?> Changes(Change change, CustomerConfig customer)
    {
        var before = change.PreviousAnnouncement is { } previous && change.Status is ChangeStatus.Approved or ChangeStatus.Submitted ? previous : null;
        var windowMoved = before is not null && (before.ImplementationStart != change.ImplementationStart || before.ImplementationEnd != change.ImplementationEnd);
        var customersChanged = before is not null && !before.Customers.ToHashSet(StringComparer.Ordinal).SetEquals(change.Customers);
        return new(StringComparer.Ordinal)
        {
            ["updated"] = before is not null && change.Status == ChangeStatus.Approved ? "yes" : null,
            ["reapproval"] = before is not null && change.Status == ChangeStatus.Submitted ? "yes" : null,
            ["changedSince"] = before is null ? null : before.Version.ToString(CultureInfo.InvariantCulture),
            ["scheduleBefore"] = windowMoved ? ScheduleText.Describe(before!.ImplementationStart, before.ImplementationEnd, ChangeZone.For(before.Timezone)) : null,
            ["customersBefore"] = customersChanged ? before!.Customers.Count.ToString(CultureInfo.InvariantCulture) : null,
            ["customersNow"] = customersChanged ? change.Customers.Count.ToString(CultureInfo.InvariantCulture) : null,
            ["customerAdded"] = customersChanged && !before!.Customers.Contains(customer.CustomerCode) ? "yes" : null,
        };
    }

    public static string Title(Change change) => Clean(change.ChangeTitle) ?? UntitledChange;

    internal static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
