namespace ChangeMgmt.Core.Freezes;

/// <summary>Which freezes a change's window runs into.</summary>
public static class FreezeCheck
{
    /// <summary>
    /// The live freezes that apply to any of <paramref name="customers"/> (a global one to all) and have an
    /// occurrence overlapping [<paramref name="start"/>, <paramref name="end"/>), each with its first such occurrence.
    /// </summary>
    public static IReadOnlyList<FreezeOverlap> Overlapping(DateTimeOffset start, DateTimeOffset end, IReadOnlyCollection<string> customers, IEnumerable<ChangeFreeze> freezes) =>
        [.. freezes
            .Where(f => f.DeletedAt is null && (f.IsGlobal || customers.Any(f.AppliesTo)))
            .Select(f => (Freeze: f, First: FreezeOccurrences.Between(f, start, end).FirstOrDefault()))
            .Where(x => x.First is not null)
            .Select(x => new FreezeOverlap(x.Freeze, x.First!))];
}
