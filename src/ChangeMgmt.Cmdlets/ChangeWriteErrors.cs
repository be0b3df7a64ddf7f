using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

internal static class ChangeWriteErrors
{
    /// <summary>What a change write can fail with for one change (reported per change, the pipeline goes on).</summary>
    public static bool IsPerChange(Exception ex) => ex is ChangeNotFoundException or ChangeDeletedException
        or ChangeVersionConflictException or InvalidTransitionException or ChangeValidationException or ArgumentException
        or SelfApprovalNotAllowedException or ChangeEventNotFoundException;

    /// <summary>One error per customer whose trigger object was not written (its people are not told until it is).</summary>
    public static IEnumerable<ErrorRecord> TriggerFailures(ChangeWriteResult written) =>
        written.Triggers.Where(t => !t.Written).Select(trigger =>
            new ErrorRecord(new IOException(trigger.Error), "TriggerWriteFailed", ErrorCategory.WriteError, $"{written.Change.ChangeId}: {trigger.CustomerCode}")
            {
                ErrorDetails = new ErrorDetails($"{written.Change.ChangeId}: the trigger for {trigger.CustomerCode} was not written: {trigger.Error}")
                {
                    RecommendedAction = $"Run Send-ChangeNotification -ChangeId {written.Change.ChangeId} -Customer {trigger.CustomerCode} once the cause is fixed.",
                },
            });
}
