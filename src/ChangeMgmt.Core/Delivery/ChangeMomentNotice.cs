using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Reminders;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// An approved change's timed notice (a reminder, started, window ended): one email to the customer's reminder topic,
/// under the version that approved it, so the ledger sends each moment of one approval once.
/// </summary>
public sealed class ChangeMomentNotice(Change change, ChangeMoment moment, string topic, NotificationRenderer renderer) : INotice
{
    public string Id => change.ChangeId;

    public int Version => ChangeMoments.ApprovedVersion(change);

    public IReadOnlyList<PlannedNotification> Plan(CustomerConfig customer) => [new(moment.Kind(), topic)];

    public Task<RenderedEmail> RenderAsync(PlannedNotification planned, CustomerConfig customer, CancellationToken ct) =>
        Task.FromResult(renderer.Render(planned.Kind, change, customer));
}
