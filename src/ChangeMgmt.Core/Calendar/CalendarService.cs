using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Calendar;

/// <summary>
/// A calendar range from the indexes, never the changes or announcements themselves: the change index's matches
/// (every page), the announcement index's events, and the occurrences of the freezes the caller sees (global ones
/// and their customers'). A scoped caller's entries name only their customers.
/// </summary>
public sealed class CalendarService(IChangeIndex changes, AnnouncementIndex announcements, FreezeService freezes)
{
    public async Task<CalendarView> QueryAsync(CalendarQuery query, CancellationToken ct)
    {
        query.Validate();
        var changeTask = ChangesAsync(query, ct);
        var announcementTask = AnnouncementsAsync(query, ct);
        var freezeTask = FreezesAsync(query, ct);
        return new(query.From, query.To, await changeTask, await announcementTask, await freezeTask);
    }

    private async Task<IReadOnlyList<CalendarChange>> ChangesAsync(CalendarQuery query, CancellationToken ct)
    {
        var indexQuery = new ChangeQuery(query.Status, query.Customer, From: query.From, To: query.To, Scope: query.Scope);
        return [.. (await changes.MatchingAsync(indexQuery, ct))
            .Where(s => s.ImplementationStart is { } start && query.Overlaps(start, s.ImplementationEnd))
            .Select(s => Entry(s, query))
            .OrderBy(c => c.ImplementationStart).ThenBy(c => c.ChangeId, StringComparer.Ordinal)];
    }

    private static CalendarChange Entry(ChangeSummary s, CalendarQuery query) =>
        new(s.ChangeId, s.ChangeTitle, s.Status, query.Visible(s.Customers), s.ImplementationStart!.Value,
            s.ImplementationEnd ?? s.ImplementationStart.Value, s.Timezone, s.Emergency);

    private async Task<IReadOnlyList<CalendarAnnouncement>> AnnouncementsAsync(CalendarQuery query, CancellationToken ct) =>
        [.. (await announcements.ReadAllAsync(ct))
            .Where(a => !a.Deleted && a.EventStart is { } start && query.Overlaps(start, a.EventEnd) && query.Shows(a.Customers))
            .Where(a => query.Status is null || string.Equals(a.Status.ToString(), query.Status.ToString(), StringComparison.Ordinal))
            .Select(a => new CalendarAnnouncement(a.AnnouncementId, a.Title, a.Status, query.Visible(a.Customers), a.EventStart!.Value, a.EventEnd ?? a.EventStart.Value, a.EventTimezone))
            .OrderBy(a => a.Start).ThenBy(a => a.AnnouncementId, StringComparer.Ordinal)];

    private async Task<IReadOnlyList<CalendarFreeze>> FreezesAsync(CalendarQuery query, CancellationToken ct) =>
        [.. (await freezes.ListAsync(includeRemoved: false, ct))
            .Where(f => f.IsGlobal || query.Shows(f.Customers))
            .SelectMany(f => FreezeOccurrences.Between(f, query.From, query.To)
                .Select(o => new CalendarFreeze(f.FreezeId, f.Name, f.Reason, query.Visible(f.Customers), o.Start, o.End, f.IsAllDay)))
            .OrderBy(f => f.Start).ThenBy(f => f.FreezeId, StringComparer.Ordinal)];
}
