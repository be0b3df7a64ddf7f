using System.Globalization;

namespace ChangeMgmt.Core.Changes;

public enum ChangeSortField { ModifiedAt, CreatedAt, ImplementationStart, ChangeTitle, Status, ChangeId }

/// <summary>
/// The order of a list: a field, ascending or descending (<c>-modifiedAt</c>, the default: newest
/// change first). Ties are broken by change id in the same direction, so the order is total and a
/// page token can name a position in it. Values a change lacks sort last either way.
/// </summary>
public sealed record ChangeSort(ChangeSortField Field, bool Descending) : IComparer<ChangeSummary>
{
    public static readonly ChangeSort Default = new(ChangeSortField.ModifiedAt, Descending: true);

    public static readonly IReadOnlyList<string> FieldNames = Enum.GetValues<ChangeSortField>().Select(Name).ToList();

    /// <summary>Parses <c>field</c> (ascending) or <c>-field</c> (descending); null or empty is the default.</summary>
    public static bool TryParse(string? text, out ChangeSort sort)
    {
        sort = Default;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var descending = text.StartsWith('-');
        var name = descending ? text[1..] : text;
        var field = Enum.GetValues<ChangeSortField>().Where(f => Name(f) == name).Cast<ChangeSortField?>().FirstOrDefault();
        if (field is null) return false;
        sort = new(field.Value, descending);
        return true;
    }

    public override string ToString() => (Descending ? "-" : "") + Name(Field);

    /// <summary>The value a summary sorts by, as text that orders the same way (null: the change has none).</summary>
    public string? KeyOf(ChangeSummary summary) => Field switch
    {
        ChangeSortField.ModifiedAt => Time(summary.ModifiedAt),
        ChangeSortField.CreatedAt => Time(summary.CreatedAt),
        ChangeSortField.ImplementationStart => Time(summary.ImplementationStart),
        ChangeSortField.ChangeTitle => summary.ChangeTitle,
        ChangeSortField.Status => ((int)summary.Status).ToString(CultureInfo.InvariantCulture),
        _ => summary.ChangeId,
    };

    public int Compare(ChangeSummary? x, ChangeSummary? y) =>
        Compare(KeyOf(x!), x!.ChangeId, KeyOf(y!), y!.ChangeId);

    /// <summary>Orders (key, id) pairs: missing keys last, then by key, then by id; the direction applies to both.</summary>
    public int Compare(string? keyX, string idX, string? keyY, string idY)
    {
        if ((keyX is null) != (keyY is null)) return keyX is null ? 1 : -1;
        var byKey = keyX is null ? 0 : Field == ChangeSortField.ChangeTitle ? CompareTitles(keyX, keyY!) : string.CompareOrdinal(keyX, keyY);
        var order = byKey != 0 ? byKey : string.CompareOrdinal(idX, idY);
        return Descending ? -order : order;
    }

    private static int CompareTitles(string x, string y)
    {
        var ignoringCase = string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
        return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(x, y);
    }

    private static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Name(ChangeSortField field)
    {
        var name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
