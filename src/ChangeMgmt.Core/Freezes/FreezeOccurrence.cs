namespace ChangeMgmt.Core.Freezes;

/// <summary>One concrete interval of a freeze, in UTC; <see cref="End"/> is exclusive.</summary>
public sealed record FreezeOccurrence(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && End > start;
}
