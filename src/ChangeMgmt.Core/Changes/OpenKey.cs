using System.Globalization;

namespace ChangeMgmt.Core.Changes;

/// <summary>A key of the <see cref="OpenChangeIndex"/>: a change's version, open, or closed at <see cref="ClosedAt"/>.</summary>
internal sealed record OpenKey(string Key, string ChangeId, int Version, DateTimeOffset? ClosedAt)
{
    /// <summary>The key's parts; null for anything else under the prefix.</summary>
    public static OpenKey? Parse(string key)
    {
        if (!key.StartsWith(OpenChangeIndex.Prefix, StringComparison.Ordinal)) return null;
        var name = key[OpenChangeIndex.Prefix.Length..];
        var dot = name.LastIndexOf(".v", StringComparison.Ordinal);
        if (dot <= 0) return null;
        var rest = name[(dot + 2)..].Split('.', 2);
        if (rest.Length != 2 || !int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return null;
        if (rest[1] == "json") return new(key, name[..dot], version, null);
        return rest[1].StartsWith("closed-", StringComparison.Ordinal) && OpenChangeIndex.ParseTime(rest[1]["closed-".Length..]) is { } closed
            ? new(key, name[..dot], version, closed) : null;
    }
}
