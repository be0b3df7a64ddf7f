namespace ChangeMgmt.Core.Changes;

/// <summary>A line of recent activity: who last changed what.</summary>
public sealed record ChangeActivity(string ChangeId, string? ChangeTitle, ChangeStatus Status, DateTimeOffset? ModifiedAt, string? ModifiedBy);

/// <summary>The dashboard: counts by status, what waits for approval, what is about to happen, what changed lately.</summary>
public sealed record ChangeStatistics(
    IReadOnlyDictionary<ChangeStatus, int> ByStatus,
    IReadOnlyList<ChangeSummary> AwaitingApproval,
    IReadOnlyList<ChangeSummary> Upcoming,
    IReadOnlyList<ChangeActivity> Recent)
{
    public const int MaxListed = 20;
    public const int MaxRecent = 10;
    public static readonly TimeSpan UpcomingWindow = TimeSpan.FromDays(14);

    /// <summary>From the index's summaries (deleted drafts left out) as of <paramref name="now"/>.</summary>
    public static ChangeStatistics From(IEnumerable<ChangeSummary> summaries, DateTimeOffset now)
    {
        var live = summaries.Where(s => s.DeletedAt is null).ToList();
        var newest = new ChangeSort(ChangeSortField.ModifiedAt, Descending: true);
        return new(
            Enum.GetValues<ChangeStatus>().ToDictionary(status => status, status => live.Count(s => s.Status == status)),
            [.. live.Where(s => s.Status == ChangeStatus.Submitted).Order(newest).Take(MaxListed)],
            [.. live.Where(s => s.Status == ChangeStatus.Approved && s.ImplementationStart >= now && s.ImplementationStart <= now + UpcomingWindow)
                .Order(new ChangeSort(ChangeSortField.ImplementationStart, Descending: false)).Take(MaxListed)],
            [.. live.Order(newest).Take(MaxRecent).Select(s => new ChangeActivity(s.ChangeId, s.ChangeTitle, s.Status, s.ModifiedAt, s.ModifiedBy))]);
    }
}
