using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Time left on per-item work from the time taken so far (SES paces contact calls, so the observed
/// rate is the rate). The first report counts as one item: work reported as already done before it
/// (e.g. a restore's unchanged contacts) does not make the rest look faster than it is.
/// </summary>
internal sealed class ProgressEta(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private int? _baseline;

    public ProgressEta() : this(TimeProvider.System)
    {
    }

    /// <summary>Sets the record's percentage and seconds remaining (rounded up: work left never shows as 0 seconds).</summary>
    public void Describe(ProgressRecord record, int done, int total)
    {
        record.PercentComplete = total <= 0 ? 100 : Math.Min(100, done * 100 / total);
        record.SecondsRemaining = SecondsRemaining(done, total);
    }

    public int SecondsRemaining(int done, int total)
    {
        _baseline ??= done - 1;
        var measured = done - _baseline.Value;
        if (done >= total) return 0;
        if (measured <= 0) return -1;
        var perItem = clock.GetElapsedTime(_started).TotalSeconds / measured;
        return (int)Math.Ceiling(perItem * (total - done));
    }
}
