using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>Something a person should know before saving, submitting or approving, which does not stop it.</summary>
/// <param name="Code">What kind: <c>overlap</c>, <c>long_window</c>, <c>maintenance</c>.</param>
/// <param name="Field">The change field it is about.</param>
/// <param name="ChangeId">The other change, for an overlap.</param>
public sealed record ChangeWarning(string Code, string Field, string Message, string? ChangeId = null, string? CustomerCode = null)
{
    /// <summary>
    /// The field a created change's answer carries its warnings in (the change itself is the answer); never stored:
    /// a change sent back with it has it dropped.
    /// </summary>
    public const string ResponseField = "warnings";
}

/// <summary>One kind of warning about a change as it would be written. Blackout windows become another source.</summary>
public interface IChangeWarningSource
{
    Task<IReadOnlyList<ChangeWarning>> CheckAsync(Change change, CancellationToken ct);
}

/// <summary>A window longer than config.json <c>change_policy.max_window_hours</c> (default 72).</summary>
public sealed class LongWindowWarnings(TimeSpan maximum) : IChangeWarningSource
{
    public Task<IReadOnlyList<ChangeWarning>> CheckAsync(Change change, CancellationToken ct)
    {
        IReadOnlyList<ChangeWarning> warnings = change is { ImplementationStart: { } start, ImplementationEnd: { } end } && end - start > maximum
            ? [new("long_window", "implementationEnd",
                $"The window is {(end - start).TotalHours:0.#} hours long, over the {maximum.TotalHours:0.#}-hour maximum (change_policy.max_window_hours): check the end, or split the change.")]
            : [];
        return Task.FromResult(warnings);
    }
}

/// <summary>
/// Submitted or approved changes for one of the same customers whose window overlaps this one's, found
/// through the change index (its month objects and entries; never by reading every change).
/// </summary>
public sealed class OverlapWarnings(IChangeIndex index) : IChangeWarningSource
{
    public async Task<IReadOnlyList<ChangeWarning>> CheckAsync(Change change, CancellationToken ct)
    {
        if (change is not { ImplementationStart: { } start, ImplementationEnd: { } end } || end <= start || change.Customers.Count == 0) return [];
        var warnings = new List<ChangeWarning>();
        var query = new ChangeQuery(From: start, To: end, PageSize: ChangeQuery.MaxPageSize, Sort: ChangeSort.Default);
        string? token = null;
        do
        {
            var page = await index.QueryAsync(query, token, ct);
            foreach (var other in page.Items.Where(o => Overlaps(o, change, start, end)))
                foreach (var code in other.Customers.Where(change.Customers.Contains))
                    warnings.Add(new("overlap", "implementationStart",
                        $"{other.ChangeId} '{other.ChangeTitle}' ({other.Status.ToString().ToLowerInvariant()}) is also scheduled for {code} from {other.ImplementationStart:u} to {other.ImplementationEnd:u}.",
                        other.ChangeId, code));
            token = page.NextToken;
        } while (token is not null);
        return warnings;
    }

    private static bool Overlaps(ChangeSummary other, Change change, DateTimeOffset start, DateTimeOffset end) =>
        other.ChangeId != change.ChangeId
        && other.Status is ChangeStatus.Submitted or ChangeStatus.Approved
        && other.ImplementationStart < end && other.ImplementationEnd > start;
}
