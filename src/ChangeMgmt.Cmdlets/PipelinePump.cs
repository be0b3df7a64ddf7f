using System.Collections.Concurrent;
using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The one bridge from async Core work to the synchronous cmdlet: the work runs on the thread
/// pool; everything that touches the pipeline (WriteObject, WriteError, WriteProgress,
/// ShouldProcess) is posted back and run on the pipeline thread, in order.
/// </summary>
internal sealed class PipelinePump
{
    private readonly BlockingCollection<Action> _actions;
    private readonly Func<Action, Action> _wrap;

    private PipelinePump(BlockingCollection<Action> actions, Func<Action, Action> wrap)
    {
        _actions = actions;
        _wrap = wrap;
    }

    /// <summary>The same pump, with every action posted through it run inside <paramref name="around"/> (e.g. to know whose work wrote).</summary>
    public PipelinePump Around(Func<Action, Action> around) => new(_actions, action => _wrap(around(action)));

    /// <summary>Runs <paramref name="action"/> on the pipeline thread (dropped once the pipeline stopped).</summary>
    public void Post(Action action)
    {
        try
        {
            _actions.Add(_wrap(action));
        }
        catch (InvalidOperationException)
        {
            // Adding completed: the pipeline is stopping; nothing more is written.
        }
    }

    /// <summary>Runs <paramref name="func"/> on the pipeline thread and hands back its result (e.g. ShouldProcess).</summary>
    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { result.SetResult(func()); }
            catch (Exception ex) { result.SetException(ex); throw; }
        });
        if (_actions.IsAddingCompleted) result.TrySetCanceled();
        return result.Task;
    }

    /// <summary>Runs the work and pumps its posts until it ends; cancellation surfaces as a stopped pipeline.</summary>
    public static void Run(Func<PipelinePump, CancellationToken, Task> work, CancellationToken stop)
    {
        var pump = new PipelinePump([], action => action);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var task = Task.Run(() => work(pump, cancel.Token), cancel.Token);
        _ = task.ContinueWith(_ => pump._actions.CompleteAdding(), TaskScheduler.Default);
        try
        {
            foreach (var action in pump._actions.GetConsumingEnumerable())
                action();
        }
        catch
        {
            // A write failed on the pipeline thread (stopping, or a terminating error): stop the work, then rethrow.
            cancel.Cancel();
            pump._actions.CompleteAdding();
            task.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            throw;
        }
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
