using System.Collections.Concurrent;

namespace ChangeMgmt.Local;

/// <summary>
/// In-process wake-ups for long polls: each customer has a pending task that completes when a
/// message becomes visible there. Take the task before looking at the table, so none is missed.
/// </summary>
internal sealed class QueueSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new(StringComparer.Ordinal);

    public Task Next(string customerCode) =>
        _pending.GetOrAdd(customerCode, _ => NewSource()).Task;

    public void Notify(string customerCode)
    {
        if (_pending.TryRemove(customerCode, out var source))
            source.TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
