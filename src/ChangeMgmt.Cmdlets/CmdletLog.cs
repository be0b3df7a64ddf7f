using System.Collections.Concurrent;
using System.Management.Automation;
using ChangeMgmt.Core.Diagnostics;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// -Verbose and -Debug for one command: messages from any thread (Core and the AWS adapters log
/// through <see cref="Logs"/>) are queued and written on the pipeline thread, directly when logged
/// there, else through the running pump, else at the next flush.
/// </summary>
internal sealed class CmdletLog(Cmdlet cmdlet, bool verbose, bool debug)
{
    private readonly ConcurrentQueue<(bool Debug, string Text)> _pending = new();
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
    private volatile PipelinePump? _pump;

    public bool VerboseEnabled { get; } = verbose;

    public bool DebugEnabled { get; } = debug;

    /// <summary>The logger factory Core and the adapters write to; off for the streams that are not shown.</summary>
    public CallbackLogs Logs => new(VerboseEnabled ? text => Add(false, text) : null, DebugEnabled ? text => Add(true, text) : null);

    /// <summary>The pump of the work in flight (null between runs).</summary>
    public PipelinePump? Pump
    {
        set => _pump = value;
    }

    public void Verbose(string text)
    {
        if (VerboseEnabled) Add(false, text);
    }

    /// <summary>Writes what is queued; only on the pipeline thread.</summary>
    public void Flush()
    {
        while (_pending.TryDequeue(out var message))
        {
            if (message.Debug) cmdlet.WriteDebug(message.Text);
            else cmdlet.WriteVerbose(message.Text);
        }
    }

    private void Add(bool debug, string text)
    {
        _pending.Enqueue((debug, text));
        if (Environment.CurrentManagedThreadId == _pipelineThread) Flush();
        else _pump?.Post(Flush);
    }
}
