using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// What one delivery tells a customer about: a change version or an announcement version. The notifier's loop
/// (audience, ledger claims, pacing, sends, outcome records) is the same for both; the plan and the emails differ.
/// </summary>
public interface INotice
{
    /// <summary>The change id or the announcement id: the ledger key's id and the sends' <c>change</c> tag.</summary>
    string Id { get; }

    int Version { get; }

    IReadOnlyList<PlannedNotification> Plan(CustomerConfig customer);

    Task<RenderedEmail> RenderAsync(PlannedNotification planned, CustomerConfig customer, CancellationToken ct);
}
