using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that act on one stored object at a time (a change, an announcement), by id or from the pipeline (its id and
/// Version bind by name): the version check, one ShouldProcess per object, overrides that need -Reason, and what can
/// fail for one object reported as its error while the pipeline goes on.
/// </summary>
public abstract class TargetCmdletBase : BackendCmdletBase
{
    /// <summary>The version the action is meant for (bound from an object on the pipeline); one that moved on since is refused.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    /// <summary>The id of the object acted on (the derived cmdlet's id parameter).</summary>
    private protected abstract string TargetId { get; }

    /// <summary>The error ids' noun: Change, Announcement.</summary>
    private protected abstract string Noun { get; }

    /// <summary>What comes with the action: comment, reason, overrides (none by default).</summary>
    private protected virtual ChangeActionRequest Request => ChangeActionRequest.None;

    /// <summary>The overrides given (switches): each needs -Reason, which is recorded with it.</summary>
    private protected virtual bool OverrideGiven => false;

    private protected virtual string? OverrideReason => null;

    protected override void BeginProcessing()
    {
        if (OverrideGiven && string.IsNullOrWhiteSpace(OverrideReason))
            ThrowTerminatingError(Errors.InvalidArgument("ReasonRequired",
                $"An override needs -Reason: say why the rule is set aside; the reason is recorded in the {Noun.ToLowerInvariant()}'s history.", null));
        base.BeginProcessing();
    }

    /// <summary>ShouldProcess once for this object (and the version meant), then the write.</summary>
    private protected void WriteIf(string action, Action write)
    {
        if (ShouldProcess(TargetId + (Version is { } v ? $" v{v}" : ""), action)) Write(write);
    }

    /// <summary>Runs a write for this object; what can fail for one object is reported as its error and the pipeline goes on.</summary>
    private protected void Write(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            WriteError(Errors.For(ex, Noun, TargetId));
        }
    }
}
