namespace ChangeMgmt.Core.Changes;

/// <summary>A history as a list shows it, for changes and announcements alike.</summary>
internal static class KeptVersions
{
    /// <summary>Versions 1…n-1 as kept under versions/ (any missing left out), then the current one.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(T current, int currentVersion, Func<int, Task<T?>> read) where T : class =>
        [.. (await Task.WhenAll(Enumerable.Range(1, Math.Max(0, currentVersion - 1)).Select(read))).OfType<T>(), current];
}
