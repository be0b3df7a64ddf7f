using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>Something a person should know before saving, submitting or approving, which does not stop it.</summary>
/// <param name="Code">What kind: <c>overlap</c>, <c>related_overlap</c>, <c>long_window</c>, <c>maintenance</c>.</param>
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
/// Submitted or approved changes whose window overlaps this one's: for one of the same customers (<c>overlap</c>), or for a
/// customer related to one of them by a config.json <c>change_policy.related</c> group (<c>related_overlap</c>). Found
/// through the change index's open changes (<see cref="IChangeIndex.OpenAsync"/>: as many reads as open changes, whatever the history).
/// </summary>
public sealed class OverlapWarnings(IChangeIndex index, ChangeMgmtConfig? config = null) : IChangeWarningSource
{
    public async Task<IReadOnlyList<ChangeWarning>> CheckAsync(Change change, CancellationToken ct)
    {
        if (change is not { ImplementationStart: { } start, ImplementationEnd: { } end } || end <= start || change.Customers.Count == 0) return [];
        var window = new ChangeQuery(From: start, To: end);
        var others = (await index.OpenAsync(ct)).Where(o => o.Matches(window)).Order(ChangeSort.Default);
        return [.. others.Where(o => Overlaps(o, change, start, end)).SelectMany(o => Conflicts(change, o))];
    }

    private IEnumerable<ChangeWarning> Conflicts(Change change, ChangeSummary other)
    {
        var when = $"from {other.ImplementationStart:u} to {other.ImplementationEnd:u}";
        var what = $"{other.ChangeId} '{other.ChangeTitle}' ({other.Status.ToString().ToLowerInvariant()})";
        foreach (var code in other.Customers.Where(change.Customers.Contains))
            yield return new("overlap", "implementationStart", $"{what} is also scheduled for {code} {when}.", other.ChangeId, code);
        foreach (var (mine, theirs, group) in Related(change.Customers, other.Customers))
            yield return new("related_overlap", "implementationStart",
                $"{what} is scheduled for {theirs}, related to {mine} ('{group}' in change_policy.related), {when}.", other.ChangeId, mine);
    }

    /// <summary>Pairs of different customers, one of each change, that a related group holds both of (each pair once).</summary>
    private IEnumerable<(string Mine, string Theirs, string Group)> Related(IReadOnlyList<string> mine, IReadOnlyList<string> theirs)
    {
        if (config?.ChangePolicy?.Related is not { Count: > 0 } groups) yield break;
        foreach (var m in mine)
            foreach (var t in theirs.Where(t => t != m && !mine.Contains(t)))
                if (config.FindCustomer(m) is { } a && config.FindCustomer(t) is { } b
                    && groups.FirstOrDefault(g => g is not null && g.Includes(a) && g.Includes(b)) is { } group)
                    yield return (m, t, group.Name ?? "related");
    }

    private static bool Overlaps(ChangeSummary other, Change change, DateTimeOffset start, DateTimeOffset end) =>
        other.ChangeId != change.ChangeId
        && other.Status is ChangeStatus.Submitted or ChangeStatus.Approved
        && other.ImplementationStart < end && other.ImplementationEnd > start;
}
