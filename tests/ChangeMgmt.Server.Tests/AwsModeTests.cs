using System.Net;
using System.Text.Json;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Aws.Tests.EndToEnd;
using ChangeMgmt.Aws.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// The server process in AWS mode against moto: its API writes to S3, S3 notifies the customer's
/// SQS queue, its worker assumes each customer's role and sends through that account's SES v2.
/// moto lacks SES GetAccount and the suppression list, so SES requests pass through a WireMock
/// front that answers those two (AWS reference shapes) and proxies everything else to moto.
/// </summary>
[Trait(ServerCommand.ModeTrait, "aws")]
public sealed class AwsModeTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private AwsWorld world = null!;
    private WireMockServer sesFront = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        world = new AwsWorld(moto);
        await world.CreateAsync();
        sesFront = WireMockServer.Start();
        sesFront.Given(Request.Create().WithPath("/v2/email/account").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(new
            {
                ProductionAccessEnabled = true,
                SendQuota = new { Max24HourSend = 50000.0, MaxSendRate = 14.0, SentLast24Hours = 0.0 },
                SendingEnabled = true,
            }));
        sesFront.Given(Request.Create().WithPath("/v2/email/suppression/addresses").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(new
            {
                SuppressedDestinationSummaries = new[] { new { EmailAddress = "eve@acme.example", Reason = "BOUNCE", LastUpdateTime = 1764000000.0 } },
            }));
        sesFront.Given(Request.Create().UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithProxy(moto.Endpoint.ToString().TrimEnd('/')));
    }

    public Task DisposeAsync()
    {
        sesFront.Stop();
        world.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_change_submitted_through_the_API_is_mailed_from_each_customers_own_account()
    {
        await using var server = await StartAsync(lambda: false);
        server.Http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("ed", ["editor", "approver"]));
        var health = await server.GetJsonAsync("/api/health");
        Assert.Equal("aws", (string)health["mode"]!);

        var body = ChangeRequests.For("acme", "globex");
        var id = (string)(await server.PostJsonAsync("/api/changes", body, HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);

        var sent = await server.EventuallyAsync(SentToAsync, to => to.Count >= 2, "two approval requests through SES");
        Assert.Equal(["ann@acme.example", "hal@globex.example"], sent.Order());
        // The email reaches SES a moment before the worker records it as sent.
        await server.EventuallyAsync(() => server.GetJsonAsync($"/api/changes/{id}/status"),
            d => d["items"]!.AsArray().All(c => c!["sent"]!.GetValue<int>() == 1), "both deliveries recorded as sent");
        Assert.Equal(2, (await server.GetJsonAsync($"/api/changes/{id}/deliveries"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_attachment_larger_than_Lambda_carries_is_refused_naming_the_cmdlets_that_take_it_and_nothing_is_stored()
    {
        await using var server = await StartAsync(lambda: false);
        server.Http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("ed", ["editor"]));
        var created = await server.PostJsonAsync("/api/announcements", new { announcement_type = "finops", title = "Q4 costs", customers = new[] { "acme" } }, HttpStatusCode.Created);
        var id = (string)created["announcement_id"]!;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/announcements/{id}/attachments/report.pdf")
        {
            Content = new ByteArrayContent(new byte[5 * 1024 * 1024]) { Headers = { ContentType = new("application/pdf") } },
        };
        request.Headers.IfMatch.Add(new("\"1\""));
        request.Headers.ExpectContinue = true;   // as curl sends a large body: the refusal comes before the bytes

        using var response = await server.Http.SendAsync(request);

        var problem = await LocalServer.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Set-Announcement -Attachment", (string)problem["detail"]!);
        Assert.Equal(4L * 1024 * 1024, (long)problem["maxBytes"]!);
        Assert.Empty((await server.GetJsonAsync($"/api/announcements/{id}"))["attachments"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task On_Lambda_the_API_answers_only_to_a_verified_session_token_but_health_answers()
    {
        await using var server = await StartAsync(lambda: true);

        Assert.Equal("aws", (string)(await server.GetJsonAsync("/api/health"))["mode"]!);
        using var customers = await server.Http.GetAsync("/api/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, customers.StatusCode);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/changes") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        forged.Headers.Add("X-Forwarded-User", "admin");
        forged.Headers.Add("X-Amzn-Oidc-Identity", "admin");
        using var create = await server.Http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);

        var viewer = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        viewer.Headers.Add("Cookie", $"cm_session={TestTokens.For("vi", ["viewer"], ["acme"])}");
        using var me = await server.Http.SendAsync(viewer);
        var body = await LocalServer.ReadAsync(me, HttpStatusCode.OK);
        Assert.Equal("vi", (string)body["user"]!);
        Assert.Equal(["acme"], body["customers"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Aws_mode_refuses_to_start_without_its_session_secret()
    {
        var config = Directory.CreateTempSubdirectory("changemgmt-nosecret-").FullName;
        WriteConfig(config);
        var start = ServerCommand.StartInfo(["--mode", "aws", "--function", "api", "--config", Path.Combine(config, "config.json"), "--worker", "off"]);
        foreach (var (name, value) in Environment(lambda: false)) start.Environment[name] = value;
        start.Environment.Remove(TestTokens.SecretEnv);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Directory.Delete(config, recursive: true);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("auth.session_secret_env", error);
    }

    private Task<LocalServer> StartAsync(bool lambda) =>
        LocalServer.StartAsync(WriteConfig, Environment(lambda), "--mode", "aws", "--function", "api", "--worker", lambda ? "off" : "on");

    private Dictionary<string, string> Environment(bool lambda)
    {
        var environment = new Dictionary<string, string>
        {
            [TestTokens.SecretEnv] = TestTokens.Secret,
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ENDPOINT_URL_SESV2"] = sesFront.Url!,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        if (lambda) environment["AWS_LAMBDA_FUNCTION_NAME"] = "changemgmt-api-test";
        return environment;
    }

    private void WriteConfig(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(world.Config.Config with { Auth = new AuthConfig { SessionSecretEnv = TestTokens.SecretEnv } }));
        File.WriteAllText(Path.Combine(directory, "SESConfig.json"), JsonSerializer.Serialize(world.Config.Ses));
    }

    private async Task<IReadOnlyList<string>> SentToAsync()
    {
        var messages = (await moto.DataAsync())["ses"]?["Message"]?.AsArray() ?? [];
        return [.. messages.SelectMany(m => m!["destinations"]!["ToAddresses"]!.AsArray().Select(to => (string)to!))];
    }
}
