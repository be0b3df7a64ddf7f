using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// An announcement as its index entry holds it: enough to list, filter and search without reading the announcement,
/// and to place its event on a calendar (<see cref="EventStart"/>…; entries written before they were kept have none
/// until the index is rebuilt).
/// </summary>
public sealed record AnnouncementSummary(
    string AnnouncementId, string? AnnouncementType, string? Title, string? Summary, AnnouncementStatus Status,
    IReadOnlyList<string> Customers, int Version, DateTimeOffset? CreatedAt, string? CreatedBy,
    DateTimeOffset? ModifiedAt, DateTimeOffset? PublishAt, bool Deleted,
    DateTimeOffset? EventStart = null, DateTimeOffset? EventEnd = null, string? EventTimezone = null)
{
    public static AnnouncementSummary From(Announcement a)
    {
        var meeting = AnnouncementEvent.Of(a, []);
        return new(
            a.AnnouncementId, a.AnnouncementType, a.Title, a.Summary, a.Status, a.Customers, a.Version, a.CreatedAt, a.CreatedBy,
            a.ModifiedAt, a.PublishAt, a.DeletedAt is not null, meeting?.Start, meeting?.End, meeting?.Timezone);
    }

    public bool Matches(AnnouncementQuery query) =>
        !Deleted
        && (query.Status is null || Status == query.Status)
        && (query.Type is null || string.Equals(AnnouncementType, query.Type, StringComparison.OrdinalIgnoreCase))
        && (query.Customer is null || Customers.Contains(query.Customer))
        && (query.Scope is null || Customers.Any(query.Scope.Contains))
        && (string.IsNullOrWhiteSpace(query.Text) || Contains(Title, query.Text) || Contains(Summary, query.Text) || Contains(AnnouncementId, query.Text));

    private static bool Contains(string? field, string text) => field?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The index's month of this announcement (its creation's).</summary>
    public string Month => ChangeIndexKeys.MonthOf(CreatedAt ?? DateTimeOffset.UnixEpoch);
}
