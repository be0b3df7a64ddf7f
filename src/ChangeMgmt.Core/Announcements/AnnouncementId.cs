using System.Text.RegularExpressions;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>Announcement identifiers: <c>ANN-yyyyMMdd-XXXXXX</c>, made and checked as <see cref="ChangeId"/> makes and checks <c>CHG-…</c>.</summary>
public static partial class AnnouncementId
{
    public const string Prefix = "ANN-";

    public static string New(DateTimeOffset now) => Prefix + ChangeId.New(now)["CHG-".Length..];

    /// <summary>True for any identifier that is safe as one S3 key segment (as for changes, the original's ids may vary in form).</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^ANN-[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
