using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Testing;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Announcements;

/// <summary>
/// A writer that stops after storing an announcement (its process died, the bucket refused the rest) leaves a note;
/// the sweep finishes the version: its customers' triggers. Changes' sweep leaves announcement notes alone.
/// </summary>
public sealed class AnnouncementPendingWriteTests
{
    private readonly InterceptingObjectStore store = new(new InMemoryObjectStore());
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AnnouncementService service;

    public AnnouncementPendingWriteTests() => service = new(store, AnnouncementServiceTests.Config, clock);

    /// <summary>
    /// The write itself succeeds (its note, the kept version, the object) and so does its index entry (whose failure
    /// the publisher retries with a delay on the clock; the change tests cover it); every trigger fails.
    /// </summary>
    private void StopAfterTheWriteOf(string id) =>
        store.BeforePut = (key, _) => key.StartsWith(PendingWrites.Prefix, StringComparison.Ordinal) || key.StartsWith(AnnouncementKeys.VersionsOf(id), StringComparison.Ordinal)
            || key.StartsWith(StorageLayout.IndexPrefix, StringComparison.Ordinal)
            || key == AnnouncementKeys.Archive(id) || key == AnnouncementKeys.Draft(id) ? Task.CompletedTask : throw new IOException($"refused {key}");

    private Task<List<string>> KeysAsync(string prefix) => store.ListAllKeysAsync(prefix, default).ToListAsync().AsTask();

    [Fact]
    public async Task A_publish_that_stopped_after_storing_the_announcement_is_finished_by_the_sweep_once_the_grace_has_passed()
    {
        var draft = await service.CreateAsync(AnnouncementServiceTests.Complete("general", "acme", "globex"), "jane@msp.example", default);
        StopAfterTheWriteOf(draft.AnnouncementId);

        var published = await service.ApplyAsync(draft.AnnouncementId, AnnouncementAction.Submit, "jane@msp.example", draft.Version, ChangeActionRequest.None, default);

        Assert.All(published.Triggers, t => Assert.False(t.Written));
        Assert.Single(await KeysAsync(PendingWrites.Prefix));
        store.BeforePut = null;
        Assert.Equal(0, await service.CompletePendingWritesAsync(default));   // within the grace: its writer may still be at it

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await service.CompletePendingWritesAsync(default));

        Assert.Empty(await KeysAsync(PendingWrites.Prefix));
        foreach (var customer in new[] { "acme", "globex" })
        {
            var trigger = await store.GetAsync(AnnouncementKeys.CustomerTrigger(customer, draft.AnnouncementId), default);
            Assert.Equal(AnnouncementStatus.Approved, AnnouncementJson.Deserialize(trigger!.Content, trigger.Key).Status);
        }
        var listed = Assert.Single((await service.ListAsync(new AnnouncementQuery(), null, default)).Items);
        Assert.Equal((AnnouncementStatus.Approved, published.Announcement.Version), (listed.Status, listed.Version));
    }

    [Fact]
    public async Task The_change_sweep_leaves_announcement_notes_to_theirs()
    {
        var draft = await service.CreateAsync(AnnouncementServiceTests.Complete("general", "acme"), "jane@msp.example", default);
        StopAfterTheWriteOf(draft.AnnouncementId);
        await service.ApplyAsync(draft.AnnouncementId, AnnouncementAction.Submit, "jane@msp.example", draft.Version, ChangeActionRequest.None, default);
        store.BeforePut = null;
        clock.Advance(TimeSpan.FromMinutes(2));
        var changes = new ChangeService(store, AnnouncementServiceTests.Config, clock);

        Assert.Equal(0, await changes.CompletePendingWritesAsync(null, default));

        Assert.Single(await KeysAsync(PendingWrites.Prefix));
        Assert.Equal(1, await service.CompletePendingWritesAsync(default));
    }
}
