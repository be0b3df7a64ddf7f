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
}
