using System.Globalization;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Api.Tests;

/// <summary>Freeze bodies as an admin sends them to POST /api/freezes.</summary>
public static class FreezeBodies
{
    public static JsonObject Timed(string name, DateTimeOffset start, TimeSpan length, params string[] customers) => new()
    {
        ["name"] = name,
        ["reason"] = "Finance closes the books.",
        ["customers"] = new JsonArray([.. customers.Select(c => JsonValue.Create(c))]),
        ["start"] = start.ToString("O", CultureInfo.InvariantCulture),
        ["end"] = (start + length).ToString("O", CultureInfo.InvariantCulture),
        ["timezone"] = "Europe/London",
    };
}
