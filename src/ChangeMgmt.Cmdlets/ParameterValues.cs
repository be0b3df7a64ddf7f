using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Enum parameters are declared as validated strings: a cmdlet class with a field of a ChangeMgmt.Core
/// value type would make PowerShell load Core while it scans the module, before the module's load
/// context is in place. These turn the validated strings into Core's enums inside method bodies.
/// </summary>
internal static class ParameterValues
{
    /// <summary>OptIn / OptOut, or SES's own spelling OPT_IN / OPT_OUT (as in a CSV export).</summary>
    public static SubscriptionStatus Status(string value) =>
        SubscriptionStatuses.Parse(value) ?? Enum.Parse<SubscriptionStatus>(value, ignoreCase: true);

    public static SuppressionReason Reason(string value) => Enum.Parse<SuppressionReason>(value, ignoreCase: true);

    public static ChangeStatus ChangeStatus(string value) => Enum.Parse<ChangeStatus>(value, ignoreCase: true);

    public static Core.Announcements.AnnouncementStatus AnnouncementStatus(string value) => Enum.Parse<Core.Announcements.AnnouncementStatus>(value, ignoreCase: true);

    public static Core.AlternateContacts.AlternateContactType ContactType(string value) => Enum.Parse<Core.AlternateContacts.AlternateContactType>(value, ignoreCase: true);
}
