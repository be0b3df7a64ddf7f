using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Core progress (any report type) shown as Write-Progress: <paramref name="describe"/> fills the
/// record from a report, and the write is posted to the pipeline thread.
/// </summary>
internal sealed class PumpProgress<T>(PipelinePump pump, Cmdlet cmdlet, ProgressRecord record, Action<ProgressRecord, T> describe) : IProgress<T>
{
    public void Report(T value) => pump.Post(() =>
    {
        describe(record, value);
        cmdlet.WriteProgress(Snapshot());
    });

    /// <summary>Closes the activity (100%, nothing left) once the work is over, whatever the last report said.</summary>
    public void Complete() => pump.Post(() =>
    {
        record.PercentComplete = 100;
        record.SecondsRemaining = 0;
        record.RecordType = ProgressRecordType.Completed;
        cmdlet.WriteProgress(Snapshot());
    });

    /// <summary>A copy per write: a host that keeps the records it is given (a runspace's Streams.Progress) keeps each state.</summary>
    private ProgressRecord Snapshot() => new(record.ActivityId, record.Activity, record.StatusDescription)
    {
        ParentActivityId = record.ParentActivityId,
        CurrentOperation = record.CurrentOperation,
        PercentComplete = record.PercentComplete,
        SecondsRemaining = record.SecondsRemaining,
        RecordType = record.RecordType,
    };
}

internal static class PumpProgress
{
    /// <summary>A count of items done out of <paramref name="total"/>, with time left, under its own activity for one customer.</summary>
    public static PumpProgress<int> Count(PipelinePump pump, Cmdlet cmdlet, string customerCode, string activity, int total)
    {
        var eta = new ProgressEta();
        return new(pump, cmdlet, new ProgressRecord(ProgressIds.ForCustomer(customerCode), activity, $"0 of {total}"), (record, done) =>
        {
            record.StatusDescription = $"{done} of {total}";
            eta.Describe(record, done, total);
        });
    }
}

/// <summary>Counts the reports of any kind into a progress of items done (each report is one more item).</summary>
internal sealed class CountingProgress<T>(IProgress<int> count) : IProgress<T>
{
    private int _done;

    public void Report(T value) => count.Report(Interlocked.Increment(ref _done));
}
