namespace ChangeMgmt.Core.Dns;

/// <summary>Names and values compared as DNS does: case-insensitive, with or without the trailing dot.</summary>
public static class DnsNames
{
    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    public static bool IsInZone(string name, string zoneName) =>
        Normalize(name) is var n && Normalize(zoneName) is var z && (n == z || n.EndsWith("." + z, StringComparison.Ordinal));

    /// <summary>Whether two values of a record type are the same: TXT by text, others as host names.</summary>
    public static bool SameValue(string type, string a, string b) => type == "TXT"
        ? TxtValues.Unquote(a) == TxtValues.Unquote(b)
        : Normalize(a) == Normalize(b);
}
