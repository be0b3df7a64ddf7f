using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Ports;

/// <summary>Answers lists and searches without reading every change.</summary>
public interface IChangeIndex
{
    /// <summary>Records the change's summary; an older version never replaces a newer one.</summary>
    Task UpsertAsync(ChangeSummary summary, CancellationToken ct);

    /// <summary>Matching changes, newest first, a page at a time.</summary>
    Task<Page<ChangeSummary>> QueryAsync(ChangeQuery query, string? pageToken, CancellationToken ct);

    /// <summary>Every matching change in the query's order, from one reading of the index (exports, calendars, overlap checks).</summary>
    Task<IReadOnlyList<ChangeSummary>> MatchingAsync(ChangeQuery query, CancellationToken ct);

    /// <summary>Every open change (submitted or approved: what overlap checks look at); an index may keep them apart.</summary>
    async Task<IReadOnlyList<ChangeSummary>> OpenAsync(CancellationToken ct) =>
        [.. (await MatchingAsync(new ChangeQuery(), ct)).Where(OpenChangeIndex.IsOpen)];
}
