using System.Globalization;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>Where a page of announcements ends: the last one's creation time and id (<c>{unix ms}.{id}</c>), in list order.</summary>
public sealed record AnnouncementPageToken(long CreatedAtMs, string AnnouncementId) : IComparable<AnnouncementPageToken>
{
    public static AnnouncementPageToken Of(AnnouncementSummary s) =>
        new((s.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds(), s.AnnouncementId);

    public string Format() => $"{CreatedAtMs.ToString(CultureInfo.InvariantCulture)}.{AnnouncementId}";

    public static AnnouncementPageToken? Parse(string? text)
    {
        if (text is null) return null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && long.TryParse(text[..dot], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && Announcements.AnnouncementId.IsValid(text[(dot + 1)..])
            ? new(ms, text[(dot + 1)..])
            : throw new ChangeValidationException([new("pageToken", "Not a page token of this list; start again without it.")]);
    }

    public int CompareTo(AnnouncementPageToken? other) =>
        other is null ? 1
            : CreatedAtMs != other.CreatedAtMs ? CreatedAtMs.CompareTo(other.CreatedAtMs)
            : string.CompareOrdinal(AnnouncementId, other.AnnouncementId);
}
