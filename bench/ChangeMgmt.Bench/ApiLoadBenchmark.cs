using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Bench;

/// <summary>
/// Many people at once against the real server in local mode: each client creates (with an
/// Idempotency-Key), submits and approves its share of the changes over HTTP. Reports every answer by
/// status, p50/p95 per call, changes missing from the list, what a retry of each failed create finds,
/// and — once the worker is done — the notifications of each approved change the customers' subscribers
/// must get (announcement and calendar invite) against those their SES accounts sent. Approval requests
/// are not counted: the worker reads the change as it is when it runs, and a change approved before its
/// submit trigger was processed rightly sends no request for an approval already given.
/// </summary>
internal static class ApiLoadBenchmark
{
    private static readonly string[] Customers = ["acme", "globex"];

    public static async Task<int> RunAsync(ApiLoadOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-bench-api-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(dataDir);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var perChange = await ExpectedPerChangeAsync(http, options.DeliveryTimeout);

            var calls = new ConcurrentBag<Call>();
            var created = new ConcurrentBag<string>();
            var approved = new ConcurrentBag<string>();
            var failedCreates = new ConcurrentBag<string>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Changes), new ParallelOptions { MaxDegreeOfParallelism = options.Clients }, async (i, ct) =>
            {
                var key = $"bench-{i}-{Guid.NewGuid():N}";
                var id = await CreateAsync(http, i, key, calls);
                if (id is null) { failedCreates.Add(key); return; }
                created.Add(id);
                if (await ActAsync(http, id, "submit", calls) && await ActAsync(http, id, "approve", calls)) approved.Add(id);
            });
            var writeSeconds = clock.Elapsed.TotalSeconds;

            var listed = await ListedIdsAsync(http);
            var invisible = await InvisibleDraftsAsync(http, failedCreates);
            // Approved as the server stores them, also those whose approve answered an error.
            var approvedStored = await ApprovedAsync(http, created);
            var expected = approvedStored.Count * perChange;
            var sent = await WaitForSentAsync(http, approvedStored, expected, options.DeliveryTimeout);
            var result = new ApiLoadResult(
                options.Clients, options.Changes, Math.Round(writeSeconds, 2), Environment.ProcessorCount,
                calls.GroupBy(c => c.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count()),
                calls.Count(c => c.Status >= 500),
                calls.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => Latency(g.Select(c => c.Ms))),
                approved.Count, approvedStored.Count, approvedStored.Count(id => !listed.Contains(id)), invisible,
                perChange, expected, sent, expected - sent);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return result.ServerErrors == 0 && result.Lost == 0 && result.InvisibleDrafts == 0 && result.ApprovedNotListed == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The emails one approved change makes for <see cref="Customers"/>, measured from one change delivered before the load.</summary>
    private static async Task<int> ExpectedPerChangeAsync(HttpClient http, TimeSpan timeout)
    {
        var id = await CreateAsync(http, -1, $"warm-up-{Guid.NewGuid():N}", []) ?? throw new InvalidOperationException("The warm-up change could not be created.");
        if (!await ActAsync(http, id, "submit", []) || !await ActAsync(http, id, "approve", []))
            throw new InvalidOperationException("The warm-up change could not be approved.");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var status = await http.GetFromJsonAsync<JsonObject>($"/api/changes/{id}/status");
            var items = status!["items"]!.AsArray();
            if (items.All(i => (string?)i!["state"] == "sent"))
                return (await AnnouncementsAsync(http)).Count(m => m.Change == id);
            await Task.Delay(200);
        }
        throw new TimeoutException("The warm-up change was not delivered in time.");
    }

    private static async Task<string?> CreateAsync(HttpClient http, int i, string idempotencyKey, ConcurrentBag<Call> calls)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/changes") { Content = JsonContent.Create(Change(i)) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var (status, body) = await SendAsync(http, request, "create", calls);
        return status is HttpStatusCode.Created or HttpStatusCode.OK ? (string?)body?["changeId"] : null;
    }

    private static async Task<bool> ActAsync(HttpClient http, string id, string action, ConcurrentBag<Call> calls)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/changes/{id}/{action}");
        return (await SendAsync(http, request, action, calls)).Status == HttpStatusCode.OK;
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpClient http, HttpRequestMessage request, string name, ConcurrentBag<Call> calls)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            calls.Add(new(name, (int)response.StatusCode, watch.Elapsed.TotalMilliseconds));
            return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            calls.Add(new(name, 599, watch.Elapsed.TotalMilliseconds));
            return (0, null);
        }
    }

    private static async Task<HashSet<string>> ApprovedAsync(HttpClient http, IEnumerable<string> ids)
    {
        var approved = new HashSet<string>();
        foreach (var id in ids)
            if ((string?)(await http.GetFromJsonAsync<JsonObject>($"/api/changes/{id}"))!["status"] == "approved") approved.Add(id);
        return approved;
    }

    private static async Task<HashSet<string>> ListedIdsAsync(HttpClient http)
    {
        var ids = new HashSet<string>();
        string? token = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonObject>($"/api/changes?pageSize=200{(token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}")}");
            foreach (var item in page!["items"]!.AsArray()) ids.Add((string)item!["changeId"]!);
            token = (string?)page["nextPageToken"];
        } while (token is not null);
        return ids;
    }

    /// <summary>Failed creates whose retry with the same key finds a change the client was told had failed.</summary>
    private static async Task<int> InvisibleDraftsAsync(HttpClient http, IEnumerable<string> failedKeys)
    {
        var found = 0;
        foreach (var key in failedKeys)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/changes") { Content = JsonContent.Create(Change(0)) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            if (response.Headers.Contains("Idempotency-Replayed")) found++;
        }
        return found;
    }

    private static async Task<int> WaitForSentAsync(HttpClient http, HashSet<string> approved, int expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var sent = 0;
        while (deadline.Elapsed < timeout)
        {
            sent = (await AnnouncementsAsync(http)).Count(m => approved.Contains(m.Change));
            if (sent >= expected) break;
            await Task.Delay(500);
        }
        // A little longer, so that duplicates beyond the expected number would show.
        await Task.Delay(2000);
        return (await AnnouncementsAsync(http)).Count(m => approved.Contains(m.Change));
    }

    /// <summary>The announcements and calendar invites the customers' accounts sent.</summary>
    private static async Task<List<(string Change, string To)>> AnnouncementsAsync(HttpClient http)
    {
        var messages = new List<(string, string)>();
        foreach (var customer in Customers)
        {
            string? token = null;
            do
            {
                var page = await http.GetFromJsonAsync<JsonObject>($"/api/outbox?customer={customer}&pageSize=500{(token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}")}");
                foreach (var item in page!["items"]!.AsArray().Where(i => (string?)i!["tags"]?["notification"] is "Announcement" or "CalendarInvite"))
                    messages.Add(((string?)item!["tags"]?["change"] ?? "", (string)item["to"]!));
                token = (string?)page["nextPageToken"];
            } while (token is not null);
        }
        return messages;
    }

    private static LatencySummary Latency(IEnumerable<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double At(double q) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 1);
        return new(sorted.Length, At(0.5), At(0.95), Math.Round(sorted[^1], 1));
    }

    private static JsonObject Change(int i)
    {
        var start = DateTimeOffset.UtcNow.Date.AddDays(7).AddHours(22);
        return new JsonObject
        {
            ["changeTitle"] = $"Load {i}: rotate TLS certificates",
            ["customers"] = new JsonArray([.. Customers.Select(c => JsonValue.Create(c))]),
            ["changeReason"] = "Certificates expire.",
            ["implementationPlan"] = "Import, switch, verify.",
            ["testPlan"] = "Synthetic checks.",
            ["customerImpact"] = "None expected.",
            ["rollbackPlan"] = "Switch back.",
            ["implementationStart"] = new DateTimeOffset(start, TimeSpan.Zero).ToString("O"),
            ["implementationEnd"] = new DateTimeOffset(start.AddHours(1), TimeSpan.Zero).ToString("O"),
            ["timezone"] = "UTC",
        };
    }

    private sealed record Call(string Name, int Status, double Ms);
}

internal sealed record LatencySummary(int Calls, double P50Ms, double P95Ms, double MaxMs);

internal sealed record ApiLoadResult(
    int Clients, int Changes, double WriteSeconds, int Cores,
    Dictionary<string, int> Responses, int ServerErrors, Dictionary<string, LatencySummary> Latency,
    int ApprovedAnswered, int ApprovedStored, int ApprovedNotListed, int InvisibleDrafts,
    int NotificationsPerChange, int NotificationsExpected, int NotificationsSent, int Lost);
