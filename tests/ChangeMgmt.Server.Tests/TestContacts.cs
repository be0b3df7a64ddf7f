using System.Text.Json;

namespace ChangeMgmt.Server.Tests;

/// <summary>The contacts the end-to-end tests seed, so every expected recipient is visible here.</summary>
public static class TestContacts
{
    private static readonly string[] AllTopics = ["aws-calendar", "aws-announce", "aws-approval", "general-updates", "finops-announce"];

    public static void Write(string configDirectory)
    {
        var seed = new Dictionary<string, object>
        {
            ["acme"] = Account(
                [Contact("ann@acme.example", All("OPT_IN")),
                 Contact("ben@acme.example", [Pref("aws-approval", "OPT_IN"), Pref("aws-announce", "OPT_OUT"), Pref("aws-calendar", "OPT_OUT")]),
                 Contact("cid@acme.example", []),
                 Contact("dee@acme.example", All("OPT_IN"), unsubscribeAll: true),
                 Contact("eve@acme.example", All("OPT_IN"))],
                suppressed: ["eve@acme.example"]),
            ["globex"] = Account(
                [Contact("gil@globex.example", [Pref("aws-calendar", "OPT_IN"), Pref("aws-announce", "OPT_OUT")]),
                 Contact("Hal@Globex.example", All("OPT_IN"))]),
            ["initech"] = Account([Contact("qa-team@initech.example", All("OPT_IN")), Contact("ivy@initech.example", All("OPT_IN"))]),
            ["umbrella"] = Account([Contact("uma@umbrella.example", All("OPT_IN"))]),
        };
        File.WriteAllText(Path.Combine(configDirectory, "local-contacts.json"), JsonSerializer.Serialize(seed));
    }

    private static object Account(object[] contacts, string[]? suppressed = null) => new
    {
        MaxSendRate = 50,
        Contacts = contacts,
        SuppressedDestinations = (suppressed ?? []).Select(e => new { EmailAddress = e, Reason = "BOUNCE" }),
    };

    private static object Contact(string email, object[] prefs, bool unsubscribeAll = false) =>
        new { EmailAddress = email, TopicPreferences = prefs, UnsubscribeAll = unsubscribeAll };

    private static object Pref(string topic, string status) => new { TopicName = topic, SubscriptionStatus = status };

    private static object[] All(string status) => [.. AllTopics.Select(t => Pref(t, status))];
}
