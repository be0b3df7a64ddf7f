using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Core progress (a count of items done) shown as Write-Progress, posted to the pipeline thread.</summary>
internal sealed class PumpProgress(PipelinePump pump, Cmdlet cmdlet, string activity, int total) : IProgress<int>
{
    private readonly ProgressRecord _record = new(ProgressIds.Items, activity, $"0 of {total}");

    public void Report(int done) => pump.Post(() =>
    {
        _record.StatusDescription = $"{done} of {total}";
        _record.PercentComplete = total == 0 ? 100 : Math.Min(100, done * 100 / total);
        cmdlet.WriteProgress(_record);
    });
}
