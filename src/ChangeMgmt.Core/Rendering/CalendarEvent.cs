namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// What a calendar invite describes, whatever it comes from (a change window, an announcement's event):
/// <paramref name="Id"/> alone makes the UID and <paramref name="Version"/> the SEQUENCE.
/// </summary>
public sealed record CalendarEvent(
    string Id,
    int Version,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Summary,
    string Description,
    string? Url,
    string? Location = null);
