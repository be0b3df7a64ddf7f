using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

public sealed record SentMail(string Customer, string ChangeId, string To, string Subject, string Topic);

/// <summary>Reads the local outbox through the API, every page.</summary>
public static class Outbox
{
    public static async Task<IReadOnlyList<SentMail>> ReadAsync(LocalServer server, string? customer = null, string? changeId = null)
    {
        var all = new List<SentMail>();
        string? token = null;
        do
        {
            var query = $"/api/outbox?pageSize=100{(customer is null ? "" : $"&customer={customer}")}{(token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}")}";
            var page = await server.GetJsonAsync(query);
            all.AddRange(page["items"]!.AsArray().Select(i => new SentMail(
                (string)i!["customerCode"]!, (string)i["tags"]!["change"]!, ((string)i["to"]!).ToLowerInvariant(), (string)i["subject"]!, (string)i["topic"]!)));
            token = (string?)page["nextPageToken"];
        } while (token is not null);
        return changeId is null ? all : [.. all.Where(m => m.ChangeId == changeId)];
    }

    public static string[] To(this IEnumerable<SentMail> mails, string customer, string subjectStart) =>
        [.. mails.Where(m => m.Customer == customer && m.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Select(m => m.To).Order()];
}
