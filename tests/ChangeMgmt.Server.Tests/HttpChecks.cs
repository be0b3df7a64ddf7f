using System.Net;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

/// <summary>Shared by the process-level and the in-process API tests: read an answer, wait for a state.</summary>
public static class HttpChecks
{
    /// <summary>The JSON body, after checking the status (the body is in the failure message).</summary>
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Polls an observable condition until it holds or the deadline passes (no sleeps as synchronisation).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}. Last value: {value}{(context is null ? "" : "\n" + context())}");
            await tick.WaitForNextTickAsync();
        }
    }
}
