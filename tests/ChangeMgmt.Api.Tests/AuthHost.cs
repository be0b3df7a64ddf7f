using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Api.Tests;

/// <summary>Every log message the server writes, by category (the audit lines among them).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> entries = new();

    public IReadOnlyList<(string Category, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, formatter(state, exception)));
    }
}

/// <summary>The server in AWS mode (session tokens, roles, scope) over the local backend, with its logs captured.</summary>
public class AuthFixture : IAsyncLifetime
{
    protected virtual bool AllowSelfApproval => false;

    /// <summary>Changes the examples' config.json before the server starts.</summary>
    protected virtual void EditConfig(JsonObject config) { }

    /// <summary>Services the server gets besides its own (e.g. customers' organizations).</summary>
    protected virtual void AddServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

    public ApiHost Host { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(TestTokens.SecretEnv, TestTokens.Secret);
        Host = await ApiHost.TryStartAsync(auth: new JsonObject
        {
            ["session_secret_env"] = TestTokens.SecretEnv,
            ["allow_self_approval"] = AllowSelfApproval,
        }, logs: Logs, editConfig: EditConfig, services: AddServices) ?? throw new InvalidOperationException("The server refused to start in AWS mode.");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A request with the session token as a bearer token (or as the cookie).</summary>
    public Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null, bool cookie = false, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (cookie) request.Headers.Add("Cookie", $"cm_session={token}");
        else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return Host.Http.SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(string token, HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(token, method, path, body);
        return await ApiHost.ReadAsync(response, expected);
    }

    /// <summary>A change created by <paramref name="author"/> (an editor) and moved on by two other admins as needed.</summary>
    public async Task<string> ChangeAsync(string author, string status, params string[] customers)
    {
        var editor = TestTokens.For(author, ["editor"], customers: null);
        var id = (string)(await JsonAsync(editor, HttpMethod.Post, "/api/changes", Changes.Complete("auth test", customers.Length > 0 ? customers : ["acme"]), HttpStatusCode.Created))["changeId"]!;
        string[] steps = status switch
        {
            "draft" => [],
            "submitted" => ["submit"],
            "approved" => ["submit", "approve"],
            _ => throw new ArgumentException(status),
        };
        var admins = new[] { TestTokens.For(author, ["editor"]), TestTokens.For("setup-approver", ["approver"]) };
        for (var i = 0; i < steps.Length; i++)
            await JsonAsync(admins[i], HttpMethod.Post, $"/api/changes/{id}/{steps[i]}", new { });
        return id;
    }

    /// <summary>A freeze added by an admin for <paramref name="customers"/> (none: global), far in the future so no change here meets it.</summary>
    public async Task<string> FreezeAsync(params string[] customers) =>
        (string)(await JsonAsync(TestTokens.For("setup-admin", ["admin"]), HttpMethod.Post, "/api/freezes",
            FreezeBodies.Timed("auth test freeze", DateTimeOffset.Parse("2090-12-24T00:00:00Z"), TimeSpan.FromDays(2), customers), HttpStatusCode.Created))["freezeId"]!;

    /// <summary>A calendar feed issued by an admin for all customers: its token id and its URL's path and query (the token in it).</summary>
    public async Task<(string TokenId, string Path)> FeedAsync(string customer)
    {
        var issued = await JsonAsync(TestTokens.For("setup-admin", ["admin"]), HttpMethod.Post, "/api/calendar-feeds", new { customer }, HttpStatusCode.Created);
        return ((string)issued["tokenId"]!, new Uri((string)issued["url"]!).PathAndQuery);
    }

    /// <summary>A FinOps announcement (approval needed) created by <paramref name="author"/> (an editor) and moved on as needed.</summary>
    public async Task<string> AnnouncementAsync(string author, string status, params string[] customers)
    {
        var editor = TestTokens.For(author, ["editor"], customers: null);
        var id = (string)(await JsonAsync(editor, HttpMethod.Post, "/api/announcements",
            AnnouncementBodies.Complete("auth test", "finops", customers.Length > 0 ? customers : ["acme"]), HttpStatusCode.Created))["announcement_id"]!;
        if (status is "submitted" or "approved") await JsonAsync(editor, HttpMethod.Post, $"/api/announcements/{id}/submit", new { });
        if (status == "approved") await JsonAsync(TestTokens.For("setup-approver", ["approver"]), HttpMethod.Post, $"/api/announcements/{id}/approve", new { });
        return id;
    }

    /// <summary>A change created and submitted by the caller of <paramref name="token"/>.</summary>
    public async Task<string> SubmittedAsync(string token)
    {
        var id = (string)(await JsonAsync(token, HttpMethod.Post, "/api/changes", Changes.Complete("self", "acme"), HttpStatusCode.Created))["changeId"]!;
        await JsonAsync(token, HttpMethod.Post, $"/api/changes/{id}/submit", new { });
        return id;
    }

    public static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");
}

public sealed class SelfApprovalFixture : AuthFixture
{
    protected override bool AllowSelfApproval => true;
}
