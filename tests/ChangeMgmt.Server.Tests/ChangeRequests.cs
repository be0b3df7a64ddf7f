using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

/// <summary>Change bodies in the shape the established portal writes.</summary>
public static class ChangeRequests
{
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
        ["implementationStart"] = "2026-12-03T22:00:00-05:00",
        ["implementationEnd"] = "2026-12-03T23:30:00-05:00",
        ["timezone"] = "America/New_York",
        ["object_type"] = "change",
    };
}
