using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Api.Tests;

/// <summary>Triggers written again: by hand (POST …/triggers) and by the local retry service.</summary>
public sealed class TriggerTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;
    private IObjectStore Store => host.Get<IObjectStore>();

    private async Task<string> SubmittedAsync(params string[] customers)
    {
        var id = await host.CreateAsync(Changes.Complete("Triggers", customers));
        await host.PostJsonAsync($"/api/changes/{id}/submit", null);
        return id;
    }

    private async Task<string> StateAsync(string id, string customer) =>
        (string)(await host.GetJsonAsync($"/api/changes/{id}/status"))["items"]!.AsArray().Single(i => (string)i!["customer"]! == customer)!["state"]!;

    [Fact]
    public async Task Rewriting_writes_the_named_or_all_customers_triggers_of_the_current_version()
    {
        var id = await SubmittedAsync("acme", "globex");
        await Store.DeleteAsync(StorageLayout.CustomerTrigger("acme", id), default);
        Assert.Equal("pending", await StateAsync(id, "acme"));

        var one = (await host.PostJsonAsync($"/api/changes/{id}/triggers", new { customers = new[] { "acme" } }))["items"]!.AsArray();
        Assert.Equal("acme", (string)Assert.Single(one)!["customerCode"]!);
        Assert.True((bool)one[0]!["written"]!);
        Assert.Equal("queued", await StateAsync(id, "acme"));
        var stored = await Store.GetAsync(StorageLayout.CustomerTrigger("acme", id), default);
        Assert.Equal(2, ChangeJson.Deserialize(stored!.Content, stored.Key).Version);

        using var all = await host.Http.PostAsync($"/api/changes/{id}/triggers", null);
        var items = (await ApiHost.ReadAsync(all, HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(["acme", "globex"], items.Select(i => (string)i!["customerCode"]!));
    }

    [Fact]
    public async Task A_draft_is_409_and_a_customer_not_on_the_change_400()
    {
        var draft = await host.CreateAsync(Changes.Complete("Draft", "acme"));
        await host.PostJsonAsync($"/api/changes/{draft}/triggers", null, HttpStatusCode.Conflict);

        var id = await SubmittedAsync("acme");
        var problem = await host.PostJsonAsync($"/api/changes/{id}/triggers", new { customers = new[] { "umbrella" } }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!["customers"]!.AsArray());
    }

    [Fact]
    public async Task A_failed_trigger_is_failed_in_status_and_retried_until_written()
    {
        var id = await SubmittedAsync("acme", "globex");
        var key = StorageLayout.CustomerTrigger("globex", id);
        await Store.DeleteAsync(key, default);
        await TriggerFailures.RecordAsync(Store, new(id, "globex", 2, "S3 said no", DateTimeOffset.UtcNow, 1, DateTimeOffset.UtcNow.AddSeconds(1)), default);
        var failed = (await host.GetJsonAsync($"/api/changes/{id}/status"))["items"]!.AsArray().Single(i => (string)i!["customer"]! == "globex")!;
        Assert.Equal("failed", (string)failed["state"]!);
        Assert.Contains("S3 said no", (string)failed["error"]!);

        await ApiHost.EventuallyAsync(() => Store.GetAsync(key, default), stored => stored is not null, "the retry service writes the trigger");
        await ApiHost.EventuallyAsync(() => TriggerFailures.FindAsync(Store, id, "globex", default), f => f is null, "the failure note is removed");
        Assert.Equal("queued", await StateAsync(id, "globex"));
    }
}
