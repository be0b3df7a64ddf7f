using System.Globalization;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// Submitting or approving a change whose window runs into freezes of its customers; names each freeze. An emergency
/// change (with a reason) may override it.
/// </summary>
public sealed class ChangeFrozenException(string changeId, IReadOnlyList<FreezeOverlap> freezes, IReadOnlyCollection<string> changeCustomers)
    : Exception($"The window of {changeId} runs into {Describe(freezes, changeCustomers)}. Move the window out of the freeze, or submit or approve it as an emergency change with a reason.")
{
    public string ChangeId { get; } = changeId;
    public IReadOnlyList<FreezeOverlap> Freezes { get; } = freezes;

    /// <summary>The change's customers a freeze holds: all of them for a global freeze.</summary>
    public IReadOnlyList<string> CustomersHeld(ChangeFreeze freeze) => CustomersHeld(freeze, customers);

    private readonly IReadOnlyCollection<string> customers = changeCustomers;

    private static IReadOnlyList<string> CustomersHeld(ChangeFreeze freeze, IReadOnlyCollection<string> customers) =>
        [.. customers.Where(freeze.AppliesTo)];

    private static string Describe(IReadOnlyList<FreezeOverlap> freezes, IReadOnlyCollection<string> customers) =>
        string.Join("; ", freezes.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"freeze '{o.Freeze.Name}' ({o.Freeze.FreezeId}, {o.Occurrence.Start.UtcDateTime:yyyy-MM-dd HH:mm}–{o.Occurrence.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {(o.Freeze.IsGlobal ? "all customers" : string.Join(", ", CustomersHeld(o.Freeze, customers)))}): {o.Freeze.Reason}")));
}
