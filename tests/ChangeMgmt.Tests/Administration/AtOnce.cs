namespace ChangeMgmt.Tests.Administration;

/// <summary>Starts calls on thread-pool threads released together, so they really overlap.</summary>
internal static class AtOnce
{
    public static async Task<T[]> RunAsync<T>(int callers, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(calls);
    }
}
