using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Api.Tests;

/// <summary>Announcement bodies as the API takes them (the original's snake_case fields).</summary>
public static class AnnouncementBodies
{
    public static JsonObject Complete(string title, string type, params string[] customers) => new()
    {
        ["announcement_type"] = type,
        ["title"] = title,
        ["summary"] = "What the customer should know.",
        ["content"] = "The **details**, in Markdown.",
        ["customers"] = new JsonArray([.. customers.Select(c => (JsonNode)c)]),
    };

    /// <summary>PUT /api/announcements/{id}/attachments/{name}: the file's bytes, its type, If-Match; a bearer token when given.</summary>
    public static HttpRequestMessage Attachment(string? token, string id, string name, string contentType, int version, byte[]? bytes = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/announcements/{id}/attachments/{Uri.EscapeDataString(name)}")
        {
            Content = new ByteArrayContent(bytes ?? "Agenda: numbers, questions."u8.ToArray()),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
