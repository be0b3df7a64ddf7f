using System.Management.Automation;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>What a write of a change or an announcement can fail with for that one object, and its triggers that were not written.</summary>
internal static class ChangeWriteErrors
{
    /// <summary>What a change, announcement or freeze write can fail with for one object (reported per object, the pipeline goes on).</summary>
    public static bool IsPerChange(Exception ex) => ex is ChangeNotFoundException or ChangeDeletedException
        or ChangeVersionConflictException or InvalidTransitionException or ChangeValidationException or ArgumentException
        or SelfApprovalNotAllowedException or ChangeEventNotFoundException
        or AnnouncementNotFoundException or AnnouncementTransitionException or Core.Freezes.FreezeNotFoundException
        or Core.Freezes.ChangeFrozenException;

    /// <summary>One error per customer whose trigger object was not written (its people are not told until it is).</summary>
    public static IEnumerable<ErrorRecord> TriggerFailures(ChangeWriteResult written) =>
        TriggerFailures(written.Change.ChangeId, written.Triggers,
            code => $"Run Send-ChangeNotification -ChangeId {written.Change.ChangeId} -Customer {code} once the cause is fixed.");

    /// <summary>As for a change; the server's sweep retries an announcement's failed triggers (triggers-failed/).</summary>
    public static IEnumerable<ErrorRecord> TriggerFailures(AnnouncementWriteResult written) =>
        TriggerFailures(written.Announcement.AnnouncementId, written.Triggers,
            code => $"The server retries it (every second locally, every minute on AWS) once the cause is fixed; until then {code}'s people are not told.");

    private static IEnumerable<ErrorRecord> TriggerFailures(string id, IEnumerable<CustomerTriggerResult> triggers, Func<string, string> fix) =>
        triggers.Where(t => !t.Written).Select(trigger =>
            new ErrorRecord(new IOException(trigger.Error), "TriggerWriteFailed", ErrorCategory.WriteError, $"{id}: {trigger.CustomerCode}")
            {
                ErrorDetails = new ErrorDetails($"{id}: the trigger for {trigger.CustomerCode} was not written: {trigger.Error}")
                {
                    RecommendedAction = fix(trigger.CustomerCode),
                },
            });
}
