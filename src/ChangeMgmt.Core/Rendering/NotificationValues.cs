using System.Globalization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Rendering;

/// <summary>The placeholders every notification template may use. Absent fields are present as empty values.</summary>
internal static class NotificationValues
{
    public const string UntitledChange = "(untitled change)";

    public static Dictionary<string, string?> For(Change change, CustomerConfig customer, EmailConfig email)
    {
        var zone = ChangeZone.For(change.Timezone);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["changeId"] = change.ChangeId,
            ["title"] = Title(change),
            ["version"] = change.Version.ToString(CultureInfo.InvariantCulture),
            ["customerName"] = customer.DisplayName,
            ["customerCode"] = customer.CustomerCode,
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
        };
    }

    public static string Title(Change change) => Clean(change.ChangeTitle) ?? UntitledChange;

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
