using System.Globalization;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The index's keys: <c>index/modified/{yyyy-MM}.json</c> (a compacted month) and
/// <c>index/modified/{yyyy-MM}/{changeId}.v{version}.json</c> (an entry), the month being that of the version's last modification.
/// </summary>
public static class ChangeIndexKeys
{
    public static string Month(string month) => $"{ObjectStoreChangeIndex.Prefix}{month}.json";

    public static string Entry(ChangeSummary summary) =>
        $"{ObjectStoreChangeIndex.Prefix}{MonthOf(summary.ModifiedAt ?? summary.CreatedAt ?? DateTimeOffset.UnixEpoch)}/{summary.ChangeId}.v{summary.Version.ToString(CultureInfo.InvariantCulture)}.json";

    public static string MonthOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month a key of the index belongs to; null for anything else under the prefix.</summary>
    public static string? MonthOf(string key)
    {
        if (!key.StartsWith(ObjectStoreChangeIndex.Prefix, StringComparison.Ordinal) || !key.EndsWith(".json", StringComparison.Ordinal)) return null;
        var rest = key[ObjectStoreChangeIndex.Prefix.Length..^".json".Length];
        var month = rest.Split('/')[0];
        return month.Length == 7 && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? month : null;
    }

    public static bool IsMonth(string key) =>
        MonthOf(key) is { } month && key == Month(month);
}
