using System.Text.RegularExpressions;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Freezes;

/// <summary>Freeze identifiers: <c>FRZ-yyyyMMdd-XXXXXX</c>, made and checked as <see cref="ChangeId"/> makes and checks <c>CHG-…</c>.</summary>
public static partial class FreezeId
{
    public const string Prefix = "FRZ-";

    public static string New(DateTimeOffset now) => Prefix + ChangeId.New(now)["CHG-".Length..];

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^FRZ-[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
