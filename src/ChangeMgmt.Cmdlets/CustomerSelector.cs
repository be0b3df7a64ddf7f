using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Customers matching codes with wildcards; plain codes that match nothing are reported.</summary>
internal static class CustomerSelector
{
    public sealed record Selection(IReadOnlyList<CustomerConfig> Customers, IReadOnlyList<string> NotFound);

    /// <summary>Codes with wildcards expanded over the configured customers; plain codes kept as given (validation names unknown ones).</summary>
    public static List<string> Codes(ChangeMgmtConfig config, IEnumerable<string> patterns) =>
        [.. patterns
            .SelectMany(p => WildcardPattern.ContainsWildcardCharacters(p) ? Select(config, [p]).Customers.Select(c => c.CustomerCode) : [p])
            .Distinct(StringComparer.Ordinal)];

    public static Selection Select(ChangeMgmtConfig config, IReadOnlyList<string>? patterns)
    {
        var ordered = config.CustomerMappings.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (patterns is null || patterns.Count == 0)
            return new(ordered.Select(kv => kv.Value).ToList(), []);

        var selected = new List<CustomerConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notFound = new List<string>();
        foreach (var pattern in patterns)
        {
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            var matches = ordered.Where(kv => wildcard.IsMatch(kv.Key)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                notFound.Add(pattern);
            foreach (var (key, customer) in matches)
                if (seen.Add(key)) selected.Add(customer);
        }
        return new(selected, notFound);
    }
}
