using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ChangeMgmt.Server.Tests;

public sealed class ServerModeTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5999")]
    [InlineData("http://127.0.0.1:5998;http://[::]:5997")]
    [InlineData("http://example.com:5996")]
    public async Task Local_mode_refuses_to_listen_beyond_loopback(string urls)
    {
        var error = await RefusalAsync(["--urls", urls, "--data-dir", Path.Combine(Path.GetTempPath(), "changemgmt-refused")]);

        Assert.Contains("loopback only", error);
    }

    [Fact]
    public async Task Json_logs_are_one_object_per_line_and_delivery_lines_carry_customer_and_change()
    {
        await using var server = await LocalServer.StartAsync(TestContacts.Write, "--log-format", "json");
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme"), HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);
        await server.EventuallyAsync(() => Task.FromResult(server.OutputLines), lines => lines.Any(l => l.Contains("ApprovalRequest")), "the delivery log line");

        var entries = server.OutputLines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var delivery = entries.Single(e => e.GetProperty("Message").GetString()!.Contains("ApprovalRequest"));
        Assert.Equal("acme", delivery.GetProperty("State").GetProperty("CustomerCode").GetString());
        Assert.Equal(id, delivery.GetProperty("State").GetProperty("ChangeId").GetString());
        var scope = delivery.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("ChangeId", out _));
        Assert.Equal("acme", scope.GetProperty("CustomerCode").GetString());
    }

    [Fact]
    public async Task Only_CHANGEMGMT_variables_configure_the_server_and_it_says_where_its_data_is()
    {
        var environment = new Dictionary<string, string>
        {
            ["MODE"] = "preview", ["URLS"] = "http://0.0.0.0:1", ["CONFIG"] = "/nowhere/config.json", ["WORKER"] = "off", ["FUNCTION"] = "api",
        };
        await using var server = await LocalServer.StartAsync(null, environment);

        var health = await server.GetJsonAsync("/api/health");
        Assert.Equal(("local", "all"), ((string)health["mode"]!, (string)health["function"]!));
        Assert.Contains(server.OutputLines, l => l.Contains($"Local data (SQLite file, outbox/ .eml files): {server.DataDirectory}", StringComparison.Ordinal));
    }

    [Trait(ServerCommand.ModeTrait, "aws")]
    [Fact]
    public async Task A_CHANGEMGMT_variable_is_the_option_of_the_same_name()
    {
        var error = await RefusalAsync(["--data-dir", Path.Combine(Path.GetTempPath(), "changemgmt-refused")], ("CHANGEMGMT_MODE", "preview"));

        Assert.Contains("'preview' is not local or aws", error);
    }

    [Trait(ServerCommand.ModeTrait, "aws")]
    [Theory]
    [InlineData("--function", "all")]
    [InlineData("--worker", "off")]
    public async Task Aws_mode_refuses_to_serve_the_api_and_the_unsigned_events_route_in_one_process(string option, string value)
    {
        var error = await RefusalAsync(["--mode", "aws", option, value], (TestTokens.SecretEnv, TestTokens.Secret));

        Assert.Contains("--function api", error);
        Assert.Contains("POST /events without sign-in", error);
    }

    /// <summary>Starts the server, which must refuse to start (exit code 2); its standard error.</summary>
    private static async Task<string> RefusalAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = ServerCommand.StartInfo(args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        return error;
    }
}
