using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Reminders;

namespace ChangeMgmt.Tests.Reminders;

/// <summary>A timed notice's trigger key, <c>customers/{code}/{changeId}.{moment}.json</c>, through the one message parser.</summary>
public sealed class MomentTriggerTests
{
    private const string ChangeId = "CHG-20261201-NC4CD4";

    private static string S3Event(string key) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventName"] = "ObjectCreated:Put",
            ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = "b" }, ["object"] = new JsonObject { ["key"] = key } },
        }),
    }.ToJsonString();

    [Theory]
    [InlineData(ChangeMoment.DayBefore, "reminder-24h")]
    [InlineData(ChangeMoment.HourBefore, "reminder-1h")]
    [InlineData(ChangeMoment.Started, "started")]
    [InlineData(ChangeMoment.WindowEnded, "window-ended")]
    public void Each_moments_key_parses_back_to_its_change_customer_and_moment(ChangeMoment moment, string name)
    {
        var key = StorageLayout.MomentTrigger("acme", ChangeId, moment);

        var trigger = Assert.Single(Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(S3Event(key))).Items);

        Assert.Equal($"customers/acme/{ChangeId}.{name}.json", key);
        Assert.Equal(("acme", ChangeId, (ChangeMoment?)moment), (trigger.CustomerCode, trigger.ChangeId, trigger.Moment));
    }

    [Fact]
    public void The_changes_own_trigger_has_no_moment_and_the_moment_form_is_not_a_plain_trigger()
    {
        var plain = Assert.Single(Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(S3Event($"customers/acme/{ChangeId}.json"))).Items);

        Assert.Null(plain.Moment);
        Assert.False(StorageLayout.TryParseCustomerTrigger(StorageLayout.MomentTrigger("acme", ChangeId, ChangeMoment.Started), out _, out _));
    }

    [Theory]
    [InlineData($"customers/acme/{ChangeId}.reminder-2h.json")]
    [InlineData("customers/acme/ANN-20261201-4MX8TP.started.json")]
    [InlineData($"customers/acme/{ChangeId}..json")]
    public void An_unknown_moment_or_a_moment_of_an_announcement_is_malformed_and_kept_with_the_forms_named(string key)
    {
        var malformed = Assert.IsType<ParsedMessage.Malformed>(ChangeMessageParser.Parse(S3Event(key)));

        Assert.Contains(key, malformed.Reason);
        Assert.Contains("reminder-24h|reminder-1h|started|window-ended", malformed.Reason);
    }
}
