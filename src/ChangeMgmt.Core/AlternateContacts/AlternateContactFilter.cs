using System.Text.RegularExpressions;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>Which accounts (ids or names, with * and ? wildcards) and which contact types a command covers; empty means all.</summary>
public sealed record AlternateContactFilter(IReadOnlyList<string>? Accounts = null, IReadOnlyList<AlternateContactType>? Types = null)
{
    public static readonly AlternateContactFilter All = new();

    public IReadOnlyList<AlternateContactType> TypesOrAll => Types is { Count: > 0 } types ? types : AlternateContactTypes.All;

    public bool Covers(string accountId, string accountName) =>
        Accounts is not { Count: > 0 } patterns || patterns.Any(p => Matches(p, accountId) || Matches(p, accountName));

    private static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
