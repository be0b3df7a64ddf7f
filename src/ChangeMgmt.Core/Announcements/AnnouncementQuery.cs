namespace ChangeMgmt.Core.Announcements;

/// <summary>A list's filters: type, status, one customer, text in id/title/summary, and a scoped caller's customers (null: all).</summary>
public sealed record AnnouncementQuery(
    AnnouncementStatus? Status = null, string? Type = null, string? Customer = null, string? Text = null,
    int PageSize = 50, IReadOnlySet<string>? Scope = null)
{
    public const int MaxPageSize = 200;
}
