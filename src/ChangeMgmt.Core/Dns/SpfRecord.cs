namespace ChangeMgmt.Core.Dns;

/// <summary>SPF (RFC 7208) text at the MAIL FROM domain: SES's include added to what is there, never replacing it.</summary>
public static class SpfRecord
{
    public const string AmazonSesInclude = "include:amazonses.com";
    public const string ForSesOnly = "v=spf1 " + AmazonSesInclude + " ~all";

    public static bool IsSpf(string text) =>
        text.Trim() is var t && (t.Equals("v=spf1", StringComparison.OrdinalIgnoreCase) || t.StartsWith("v=spf1 ", StringComparison.OrdinalIgnoreCase));

    public static bool IncludesSes(string text) => Terms(text).Contains(AmazonSesInclude, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The SPF text to publish: SES's alone when there is none; else the existing record's terms
    /// (those of further records too, which SPF forbids and this merges into one), with
    /// include:amazonses.com once, before the <c>all</c> term, whose qualifier is kept.
    /// </summary>
    public static string Merge(IEnumerable<string> existingTexts)
    {
        var records = existingTexts.Where(IsSpf).ToList();
        if (records.Count == 0) return ForSesOnly;
        var terms = Terms(records[0]).ToList();
        foreach (var term in records.Skip(1).SelectMany(Terms).Append(AmazonSesInclude))
            if (!terms.Contains(term, StringComparer.OrdinalIgnoreCase) && !IsAll(term)) terms.Insert(EndOfMechanisms(terms), term);
        return string.Join(' ', terms.Prepend("v=spf1"));
    }

    private static IEnumerable<string> Terms(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Skip(1);

    private static bool IsAll(string term) => term.TrimStart('+', '-', '~', '?').Equals("all", StringComparison.OrdinalIgnoreCase);

    private static bool IsModifier(string term) => term.Contains('=');

    /// <summary>Where a new mechanism goes: before <c>all</c> and the modifiers (redirect=, exp=).</summary>
    private static int EndOfMechanisms(List<string> terms) =>
        terms.FindIndex(t => IsAll(t) || IsModifier(t)) is var i and >= 0 ? i : terms.Count;
}
