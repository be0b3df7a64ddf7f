using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Feedback;

/// <summary>The change ids to keep for "with undelivered notices" (<see cref="Changes.ChangeQuery.Ids"/>).</summary>
public static class UndeliveredChanges
{
    /// <summary>At any of <paramref name="customers"/>, or at every customer when null: one index query per customer.</summary>
    public static async Task<IReadOnlySet<string>> AtAsync(this IDeliveryOutcomes outcomes, IEnumerable<string>? customers, CancellationToken ct)
    {
        if (customers is null) return (await outcomes.ListUndeliveredChangesAsync(null, ct)).ToHashSet(StringComparer.Ordinal);
        var lists = await Task.WhenAll(customers.Select(code => outcomes.ListUndeliveredChangesAsync(code, ct)));
        return lists.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
    }
}
