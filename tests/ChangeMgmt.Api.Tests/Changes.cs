using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>Change bodies in the shape the portal writes.</summary>
public static class Changes
{
    public static JsonObject Complete(string title, params string[] customers)
    {
        var body = ChangeRequests.For(customers);
        body["changeTitle"] = title;
        return body;
    }

    /// <summary>A body for POST /api/changes/check: an edit of <paramref name="id"/> (the body names the change).</summary>
    public static JsonObject CheckOf(string id, params string[] customers)
    {
        var body = Complete("checked", customers);
        body["changeId"] = id;
        return body;
    }

    /// <summary>A word no other test uses, to find this test's changes with <c>q</c>.</summary>
    public static string Marker() => "t" + Guid.NewGuid().ToString("N")[..10];
}
