using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Lambda.Hosting;
using ChangeMgmt.Server.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// <c>--function api|delivery|all</c>: on AWS the API function (behind CloudFront) must not serve the
/// unauthenticated <c>POST /events</c>, and the delivery function serves nothing but it and <c>/api/health</c>.
/// </summary>
public sealed class FunctionTests
{
    private const string AcmeQueueArn = "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme";

    [Fact]
    public async Task The_api_function_serves_the_api_and_the_portal_but_not_events()
    {
        await using var host = await StartAsync("api");

        await AssertHealthAsync(host, "local", "api");
        await host.CreateAsync(Changes.Complete("API function", "acme"));
        await host.GetJsonAsync("/api/changes");
        await host.GetJsonAsync("/api/outbox?customer=acme");
        using (var portal = await host.Http.GetAsync("/"))
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        using var events = await host.Http.PostAsJsonAsync("/events", TestEventBatch());
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.True(RetriesTriggers(host));
    }

    [Fact]
    public async Task The_delivery_function_serves_health_and_events_only()
    {
        await using var host = await StartAsync("delivery");

        await AssertHealthAsync(host, "local", "delivery");
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/changes"), (HttpMethod.Post, "/api/changes"), (HttpMethod.Get, "/api/me"), (HttpMethod.Get, "/api/customers"),
            (HttpMethod.Get, "/api/outbox?customer=acme"), (HttpMethod.Post, "/api/preview"), (HttpMethod.Get, "/"), (HttpMethod.Get, "/index.html"),
        })
        {
            using var response = await host.SendAsync(method, path, method == HttpMethod.Post ? Changes.Complete("no", "acme") : null);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
        }
        Assert.False(RetriesTriggers(host));
    }

    [Fact]
    public async Task The_delivery_function_sends_what_a_batch_from_the_queue_asks_for()
    {
        await using var host = await StartAsync("delivery");
        var id = await SubmitDirectlyAsync(host, "acme");
        var queued = await host.Get<IChangeQueue>().ReceiveAsync("acme", 10, TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);
        Assert.NotEmpty(queued);

        var batch = new SqsEvent([.. queued.Select(m => new SqsRecord
        {
            MessageId = m.MessageId, ReceiptHandle = m.ReceiptHandle, Body = m.Body, EventSource = "aws:sqs",
            EventSourceArn = AcmeQueueArn, AwsRegion = "us-east-1",
        })]);
        var answer = await host.PostJsonAsync("/events", batch);

        Assert.Empty(answer["batchItemFailures"]!.AsArray());
        var sent = await host.Get<IDeliveryLedger>().ListAsync(id, "acme", CancellationToken.None);
        Assert.NotEmpty(sent);
        Assert.All(sent, r => Assert.Equal(DeliveryState.Sent, r.State));
    }

    [Fact]
    public async Task All_serves_the_api_and_events()
    {
        await using var host = await StartAsync("all");

        await AssertHealthAsync(host, "local", "all");
        await host.GetJsonAsync("/api/changes");
        var answer = await host.PostJsonAsync("/events", TestEventBatch());
        Assert.Empty(answer["batchItemFailures"]!.AsArray());
        Assert.True(RetriesTriggers(host));
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("")]
    public async Task An_unknown_function_is_refused_naming_the_setting_and_its_values(string value)
    {
        Assert.Null(await ApiHost.TryStartAsync(extraArgs: ["--function", value]));
        var refused = Assert.Throws<ArgumentException>(() => ServerSettings.From(Configuration(("function", value))));
        Assert.Contains("--function", refused.Message);
        Assert.Contains("CHANGEMGMT_FUNCTION", refused.Message);
        Assert.Contains("api, delivery or all", refused.Message);
    }

    [Fact]
    public void The_function_is_all_unless_told_and_any_case_is_accepted()
    {
        Assert.Equal(ServerFunction.All, ServerSettings.From(Configuration()).Function);
        Assert.Equal(ServerFunction.Delivery, ServerSettings.From(Configuration(("function", "Delivery"))).Function);
    }

    [Fact]
    public async Task In_aws_mode_the_api_function_answers_events_404_without_a_session()
    {
        Environment.SetEnvironmentVariable(TestTokens.SecretEnv, TestTokens.Secret);
        await using var host = await ApiHost.TryStartAsync(auth: new JsonObject { ["session_secret_env"] = TestTokens.SecretEnv }, extraArgs: ["--function", "api"])
            ?? throw new InvalidOperationException("The API function refused to start in AWS mode.");

        await AssertHealthAsync(host, "aws", "api");
        using var events = await host.Http.PostAsJsonAsync("/events", TestEventBatch());
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        using var changes = await host.Http.GetAsync("/api/changes");
        Assert.Equal(HttpStatusCode.Unauthorized, changes.StatusCode);
    }

    [Fact]
    public async Task In_aws_mode_the_delivery_function_needs_no_session_secret_and_has_no_api()
    {
        var auth = new JsonObject { ["session_secret_env"] = "CHANGEMGMT_TEST_SECRET_NEVER_SET" };
        Assert.Null(await ApiHost.TryStartAsync(auth: (JsonObject)auth.DeepClone(), extraArgs: ["--function", "api"]));
        await using var host = await ApiHost.TryStartAsync(auth: auth, extraArgs: ["--function", "delivery"])
            ?? throw new InvalidOperationException("The delivery function refused to start in AWS mode.");

        await AssertHealthAsync(host, "aws", "delivery");
        using var changes = await host.Http.GetAsync("/api/changes");
        Assert.Equal(HttpStatusCode.NotFound, changes.StatusCode);
        var answer = await host.PostJsonAsync("/events", TestEventBatch());
        Assert.Empty(answer["batchItemFailures"]!.AsArray());
    }

    [Fact]
    public async Task The_delivery_function_paces_each_customer_at_its_full_rate_booked_in_the_shared_ledger()
    {
        await using var host = await ApiHost.TryStartAsync(extraArgs: ["--function", "delivery"])
            ?? throw new InvalidOperationException("The delivery function refused to start.");

        var pacer = await host.Get<ChangeMgmt.Core.ChangeMgmtServices>().Pacers.ForAsync("acme", null, () => Task.FromResult(14.0));

        Assert.Equal(14.0, pacer.RatePerSecond);
        Assert.IsType<ChangeMgmt.Core.Delivery.SharedSendPacer>(pacer);
    }

    private static async Task<ApiHost> StartAsync(string function) =>
        await ApiHost.TryStartAsync(extraArgs: ["--function", function]) ?? throw new InvalidOperationException($"The {function} function refused to start.");

    private static async Task AssertHealthAsync(ApiHost host, string mode, string function)
    {
        var health = await host.GetJsonAsync("/api/health");
        Assert.Equal(new[] { "ok", mode, function }, new[] { (string)health["status"]!, (string)health["mode"]!, (string)health["function"]! });
    }

    private static bool RetriesTriggers(ApiHost host) => host.Services.GetServices<IHostedService>().OfType<PendingWorkService>().Any();

    /// <summary>A draft for the customer, submitted through the core (the delivery function has no API to do it).</summary>
    private static async Task<string> SubmitDirectlyAsync(ApiHost host, string customer)
    {
        var json = host.Get<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var changes = host.Get<ChangeService>();
        var draft = await changes.CreateAsync(Changes.Complete("Delivered by the delivery function", customer).Deserialize<Change>(json)!, "tester", CancellationToken.None);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "tester", null, CancellationToken.None);
        return draft.ChangeId;
    }

    private static JsonObject TestEventBatch() => new()
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["messageId"] = "m-1",
            ["body"] = "{\"Event\":\"s3:TestEvent\"}",
            ["eventSourceARN"] = AcmeQueueArn,
        }),
    };

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
