using System.Net;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Api.Tests;

/// <summary>The change routes' success shapes: create, read, edit, versions, delete, transitions, deliveries.</summary>
public sealed class ChangeRouteTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    [Fact]
    public async Task Health_me_and_customers()
    {
        Assert.Equal("ok", (string)(await host.GetJsonAsync("/api/health"))["status"]!);
        Assert.Equal("local-operator", (string)(await host.GetJsonAsync("/api/me"))["user"]!);
        var customers = (await host.GetJsonAsync("/api/customers"))["items"]!.AsArray();
        Assert.Equal(["acme", "globex", "initech", "umbrella"], customers.Select(c => (string)c!["code"]!));
        Assert.Equal("Acme Corp", (string)customers[0]!["name"]!);
    }

    [Fact]
    public async Task Create_read_edit_and_every_version_oldest_first()
    {
        using var created = await host.SendAsync(HttpMethod.Post, "/api/changes", Changes.Complete("Versioned", "acme"));
        var change = await ApiHost.ReadAsync(created, HttpStatusCode.Created);
        var id = (string)change["changeId"]!;
        Assert.Equal($"/api/changes/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("draft", (string)change["status"]!);

        using var edited = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("Versioned, edited", "acme", "globex"), ("If-Match", "\"1\""));
        Assert.Equal(2, (int)(await ApiHost.ReadAsync(edited, HttpStatusCode.OK))["change"]!["version"]!);
        await host.PostJsonAsync($"/api/changes/{id}/submit", null);

        using var read = await host.Http.GetAsync($"/api/changes/{id}");
        Assert.Equal("\"3\"", read.Headers.ETag?.Tag);
        var versions = (await host.GetJsonAsync($"/api/changes/{id}/versions"))["items"]!.AsArray();
        Assert.Equal([1, 2, 3], versions.Select(v => (int)v!["version"]!));
        Assert.Equal(["draft", "draft", "submitted"], versions.Select(v => (string)v!["status"]!));
        Assert.All(versions, v => Assert.Equal("local-operator", (string)v!["modifiedBy"]!));
        Assert.All(versions, v => Assert.NotNull(v!["modifiedAt"]));

        Assert.Equal("Versioned", (string)(await host.GetJsonAsync($"/api/changes/{id}/versions/1"))["changeTitle"]!);
        Assert.Equal("submitted", (string)(await host.GetJsonAsync($"/api/changes/{id}/versions/3"))["status"]!);
        await host.GetJsonAsync($"/api/changes/{id}/versions/9", HttpStatusCode.NotFound);
        await host.GetJsonAsync("/api/changes/CHG-20260101-NONE00/versions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Transitions_are_recorded_in_modifications()
    {
        var id = await host.CreateAsync(Changes.Complete("Lifecycle", "acme"));
        foreach (var action in new[] { "submit", "approve", "complete" })
        {
            var written = await host.PostJsonAsync($"/api/changes/{id}/{action}", null);
            Assert.All(written["triggers"]!.AsArray(), t => Assert.True((bool)t!["written"]!));
        }
        var change = await host.GetJsonAsync($"/api/changes/{id}");
        Assert.Equal("completed", (string)change["status"]!);
        Assert.Equal(["created", "submitted", "approved", "completed"], change["modifications"]!.AsArray().Select(m => (string)m!["modification_type"]!));
    }

    [Fact]
    public async Task A_deleted_draft_is_gone_and_deliveries_and_outbox_answer()
    {
        var id = await host.CreateAsync(Changes.Complete("Delete me", "acme"));
        var deliveries = await host.GetJsonAsync($"/api/changes/{id}/deliveries");
        Assert.Equal(id, (string)deliveries["changeId"]!);
        Assert.Empty(deliveries["items"]!.AsArray());

        using var delete = await host.SendAsync(HttpMethod.Delete, $"/api/changes/{id}", null, ("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await host.GetJsonAsync($"/api/changes/{id}", HttpStatusCode.Gone);

        Assert.NotNull((await host.GetJsonAsync("/api/outbox?customer=acme"))["items"]);
        await host.GetJsonAsync("/api/outbox?pageSize=0", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Events_acknowledge_a_test_event()
    {
        var batch = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["messageId"] = "m-1",
                ["body"] = "{\"Event\":\"s3:TestEvent\"}",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme",
            }),
        };
        var answer = await host.PostJsonAsync("/events", batch);
        Assert.Empty(answer["batchItemFailures"]!.AsArray());
    }
}
