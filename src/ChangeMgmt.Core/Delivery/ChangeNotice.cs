using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.Delivery;

/// <summary>A change version: its notifications follow its status (<see cref="NotificationPlanner"/>).</summary>
public sealed class ChangeNotice(Change change, string topicPrefix, NotificationRenderer renderer) : INotice
{
    public string Id => change.ChangeId;

    public int Version => change.Version;

    public IReadOnlyList<PlannedNotification> Plan(CustomerConfig customer) => NotificationPlanner.Plan(change, topicPrefix, customer.CustomerCode);

    public Task<RenderedEmail> RenderAsync(PlannedNotification planned, CustomerConfig customer, CancellationToken ct) =>
        Task.FromResult(renderer.Render(planned.Kind, change, customer));
}
