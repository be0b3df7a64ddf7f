using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// Change bodies in the shape the established portal writes. The window is under way (it started 10 minutes before
/// the test run and ends 90 minutes after that), so it can be submitted, approved and completed without overrides.
/// </summary>
public static class ChangeRequests
{
    /// <summary>Fixed when the test process starts (10 minutes before it, to the second), so every body of a run has the same window, with 80 minutes of it left.</summary>
    public static readonly DateTimeOffset WindowStart = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()).ToOffset(TimeSpan.FromHours(-5));

    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject For(params string[] customers) => new()
    {
        ["changeTitle"] = "Rotate TLS certificates on shared ingress",
        ["customers"] = new JsonArray([.. customers.Select(c => JsonValue.Create(c))]),
        ["snowTicket"] = "CHG0031337",
        ["jiraTicket"] = "OPS-4411",
        ["changeReason"] = "Certificates expire on 2026-12-15.",
        ["implementationPlan"] = "1. Import new certificates.\n2. Switch listeners.",
        ["testPlan"] = "Synthetic checks against every listener.",
        ["customerImpact"] = "None expected.",
        ["rollbackPlan"] = "Switch listeners back.",
        ["implementationStart"] = Iso(WindowStart),
        ["implementationEnd"] = Iso(WindowStart.AddMinutes(90)),
        ["timezone"] = "America/New_York",
        ["object_type"] = "change",
    };
}
