using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Bench.Identity;

/// <summary>
/// Kestrel on a free loopback port answering Identity Store JSON 1.1 (<c>X-Amz-Target:
/// AWSIdentityStore.ListUsers | ListGroups | ListGroupMemberships</c>) from a
/// <see cref="SimulatedDirectory"/>, pages of at most 100 chained by NextToken, and enforcing a
/// request rate per identity store as AWS does: a token bucket of <c>limit</c> per second with a
/// burst of <c>limit</c>; a request over it gets 400 ThrottlingException and counts as throttled.
/// </summary>
internal sealed class SimulatedIdentityStore : IAsyncDisposable
{
    private const int MaxResults = 100;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    private readonly WebApplication app;
    private readonly SimulatedDirectory directory;
    private readonly double limit;
    private readonly TimeSpan latency;
    private readonly ConcurrentDictionary<string, StoreTraffic> traffic = new(StringComparer.Ordinal);

    private SimulatedIdentityStore(WebApplication app, SimulatedDirectory directory, double limit, TimeSpan latency)
    {
        this.app = app;
        this.directory = directory;
        this.limit = limit;
        this.latency = latency;
    }

    public Uri Url => new(app.Urls.First());

    public static async Task<SimulatedIdentityStore> StartAsync(SimulatedDirectory directory, double limit, TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var store = new SimulatedIdentityStore(builder.Build(), directory, limit, latency);
        store.app.Run(store.HandleAsync);
        await store.app.StartAsync();
        return store;
    }

    /// <summary>What the store saw for one identity store id.</summary>
    public StoreTraffic For(string identityStoreId) => traffic.GetOrAdd(identityStoreId, _ => new StoreTraffic(limit));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (!((string?)request.Headers.Authorization ?? "").Contains("/identitystore/aws4_request", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 403, "AccessDeniedException", "Missing or foreign SigV4 signature.");
            return;
        }
        using var body = await JsonDocument.ParseAsync(request.Body);
        var input = body.RootElement;
        var store = Text(input, "IdentityStoreId");
        if (store is null)
        {
            await ErrorAsync(context, 400, "ValidationException", "IdentityStoreId is required.");
            return;
        }
        var counters = For(store);
        if (!counters.Bucket.TryTake())
        {
            Interlocked.Increment(ref counters.Throttled);
            await ErrorAsync(context, 400, "ThrottlingException", "Rate exceeded");
            return;
        }
        counters.Accepted.Enqueue(Stopwatch.GetTimestamp());
        if (latency > TimeSpan.Zero)
            await Task.Delay(latency);

        var operation = ((string?)request.Headers["X-Amz-Target"] ?? "").Replace("AWSIdentityStore.", "", StringComparison.Ordinal);
        var pageSize = input.TryGetProperty("MaxResults", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : MaxResults;
        if (pageSize is < 1 or > MaxResults)
        {
            await ErrorAsync(context, 400, "ValidationException", $"MaxResults must be between 1 and {MaxResults}.");
            return;
        }
        counters.Operations.AddOrUpdate(operation, 1, (_, n) => n + 1);
        try
        {
            var token = Text(input, "NextToken");
            object answer = operation switch
            {
                "ListUsers" => Page("Users", "", directory.Users, token, pageSize, u => UserJson(store, u)),
                "ListGroups" => Page("Groups", "", directory.Groups, token, pageSize, g => new { IdentityStoreId = store, g.GroupId, g.DisplayName }),
                "ListGroupMemberships" => Page("GroupMemberships", Text(input, "GroupId") ?? "", MembersOf(Text(input, "GroupId")), token, pageSize,
                    m => new { IdentityStoreId = store, m.MembershipId, m.GroupId, MemberId = new { m.UserId } }),
                _ => throw new StoreError("UnknownOperationException", $"{operation} is not simulated."),
            };
            context.Response.ContentType = "application/x-amz-json-1.1";
            await JsonSerializer.SerializeAsync(context.Response.Body, answer, Json);
        }
        catch (StoreError error)
        {
            await ErrorAsync(context, 400, error.Type, error.Message);
        }
    }

    private IReadOnlyList<SimulatedMembership> MembersOf(string? groupId) =>
        groupId is not null && directory.MembersOf.TryGetValue(groupId, out var members)
            ? members
            : throw new StoreError("ResourceNotFoundException", "GroupId not found.");

    /// <summary>One page of <paramref name="items"/> from the offset the token names; the token is bound to the list it came from.</summary>
    private static Dictionary<string, object> Page<T>(string name, string scope, IReadOnlyList<T> items, string? token, int pageSize, Func<T, object> json)
    {
        var offset = 0;
        if (token is not null)
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length != 3 || parts[0] != name || parts[1] != scope || !int.TryParse(parts[2], out offset) || offset < 0 || offset >= items.Count)
                throw new StoreError("ValidationException", "NextToken is not valid for this list.");
        }
        var end = Math.Min(items.Count, offset + pageSize);
        var next = end < items.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}|{scope}|{end}")) : null;
        var page = items.Skip(offset).Take(end - offset).Select(json).ToList();
        return next is null
            ? new Dictionary<string, object> { [name] = page }
            : new Dictionary<string, object> { [name] = page, ["NextToken"] = next };
    }

    private static object UserJson(string store, SimulatedUser user) => new
    {
        IdentityStoreId = store,
        user.UserId,
        user.UserName,
        user.DisplayName,
        Name = new { Formatted = user.DisplayName, GivenName = user.DisplayName.Split(' ')[0], FamilyName = user.DisplayName.Split(' ')[1] },
        Emails = new[] { new { Value = user.Email, Type = "work", Primary = true } },
        UserStatus = user.Active ? "ENABLED" : "DISABLED",
    };

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-ErrorType"] = type;
        await JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, string> { ["__type"] = type, ["message"] = message }, Json);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One identity store's traffic: accepted requests (with their arrival times), throttled ones, calls per operation.</summary>
internal sealed class StoreTraffic(double limit)
{
    public readonly TokenBucket Bucket = new(limit);
    public readonly ConcurrentQueue<long> Accepted = new();
    public readonly ConcurrentDictionary<string, int> Operations = new(StringComparer.Ordinal);
    public long Throttled;

    /// <summary>The most accepted requests in any one-second window.</summary>
    public int PeakPerSecond()
    {
        var times = Accepted.Order().ToArray();
        var peak = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= Stopwatch.Frequency) start++;
            peak = Math.Max(peak, end - start + 1);
        }
        return peak;
    }
}

/// <summary>A token bucket: <c>rate</c> tokens per second, holding at most <c>rate</c> (the burst); starts full.</summary>
internal sealed class TokenBucket(double rate)
{
    private readonly Lock gate = new();
    private readonly double capacity = rate;
    private double tokens = rate;
    private long last = Stopwatch.GetTimestamp();

    public bool TryTake()
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            tokens = Math.Min(capacity, tokens + (now - last) * capacity / Stopwatch.Frequency);
            last = now;
            if (tokens < 1) return false;
            tokens--;
            return true;
        }
    }
}

internal sealed class StoreError(string type, string message) : Exception(message)
{
    public string Type { get; } = type;
}
