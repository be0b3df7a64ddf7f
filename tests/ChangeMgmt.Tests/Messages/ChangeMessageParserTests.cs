using System.Text.Json.Nodes;
using ChangeMgmt.Core.Messages;

namespace ChangeMgmt.Tests.Messages;

public sealed class ChangeMessageParserTests
{
    private const string FixtureChangeId = "CHG-20261130-7Q2K9D";

    private static string S3Event(params (string EventName, string Key)[] records) => new JsonObject
    {
        ["Records"] = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["eventTime"] = "2026-11-30T14:20:46.311Z",
            ["eventName"] = r.EventName,
            ["s3"] = new JsonObject
            {
                ["bucket"] = new JsonObject { ["name"] = "msp-change-metadata-example" },
                ["object"] = new JsonObject { ["key"] = r.Key, ["size"] = 10 },
            },
        })]),
    }.ToJsonString();

    private static IReadOnlyList<ChangeTrigger> Triggers(ParsedMessage parsed) =>
        Assert.IsType<ParsedMessage.Triggers>(parsed).Items;

    private static string MalformedReason(ParsedMessage parsed) =>
        Assert.IsType<ParsedMessage.Malformed>(parsed).Reason;

    [Fact]
    public void Fixture_s3_event_gives_one_trigger()
    {
        var trigger = Assert.Single(Triggers(ChangeMessageParser.Parse(SharedFixtures.Text("sqs-s3-event.json"))));

        Assert.Equal("acme", trigger.CustomerCode);
        Assert.Equal(FixtureChangeId, trigger.ChangeId);
        Assert.Equal("msp-change-metadata-example", trigger.Bucket);
        Assert.Equal($"customers/acme/{FixtureChangeId}.json", trigger.Key);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 20, 46, 311, TimeSpan.Zero), trigger.EventTime);
    }

    [Fact]
    public void An_announcement_trigger_is_parsed_like_a_change_trigger()
    {
        var key = "customers/globex/ANN-20261201-4MX8TP.json";

        var trigger = Assert.Single(Triggers(ChangeMessageParser.Parse(S3Event(("ObjectCreated:Put", key)))));

        Assert.Equal("globex", trigger.CustomerCode);
        Assert.Equal("ANN-20261201-4MX8TP", trigger.ChangeId);
        Assert.Equal(key, trigger.Key);
    }

    [Fact]
    public void Fixture_test_event_is_recognised()
    {
        Assert.IsType<ParsedMessage.TestEvent>(ChangeMessageParser.Parse(SharedFixtures.Text("sqs-s3-test-event.json")));
    }

    [Fact]
    public void Fixture_legacy_message_gives_one_trigger()
    {
        var trigger = Assert.Single(Triggers(ChangeMessageParser.Parse(SharedFixtures.Text("sqs-legacy.json"))));

        Assert.Equal("globex", trigger.CustomerCode);
        Assert.Equal(FixtureChangeId, trigger.ChangeId);
        Assert.Equal("msp-change-metadata-example", trigger.Bucket);
        Assert.Equal($"customers/globex/{FixtureChangeId}.json", trigger.Key);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 20, 46, TimeSpan.Zero), trigger.EventTime);
    }

    [Fact]
    public void Url_encoded_keys_are_decoded()
    {
        var parsed = ChangeMessageParser.Parse(S3Event(
            ("ObjectCreated:Put", "customers%2Facme%2FCHG-20261130-7Q2K9D.json"),
            ("ObjectCreated:Put", "customers/acme/CHG-legacy%5F42.json")));

        var triggers = Triggers(parsed);
        Assert.Equal(["acme", "acme"], triggers.Select(t => t.CustomerCode));
        Assert.Equal([FixtureChangeId, "CHG-legacy_42"], triggers.Select(t => t.ChangeId));
        Assert.Equal($"customers/acme/{FixtureChangeId}.json", triggers[0].Key);
    }

    [Fact]
    public void A_plus_in_an_event_key_is_a_space_and_so_no_change_id()
    {
        // S3 writes a space in a key as '+': the decoded key is "customers/acme/CHG-a b.json".
        var reason = MalformedReason(ChangeMessageParser.Parse(S3Event(("ObjectCreated:Put", "customers/acme/CHG-a+b.json"))));

        Assert.Contains("customers/acme/CHG-a b.json", reason);
    }

    [Fact]
    public void Several_records_give_several_triggers_in_order()
    {
        var parsed = ChangeMessageParser.Parse(S3Event(
            ("ObjectCreated:Put", "customers/acme/CHG-20261130-AAAAAA.json"),
            ("ObjectCreated:Copy", "customers/acme/CHG-20261130-BBBBBB.json"),
            ("ObjectCreated:CompleteMultipartUpload", "customers/acme/CHG-20261130-CCCCCC.json")));

        Assert.Equal(
            ["CHG-20261130-AAAAAA", "CHG-20261130-BBBBBB", "CHG-20261130-CCCCCC"],
            Triggers(parsed).Select(t => t.ChangeId));
    }

    [Fact]
    public void Removal_records_are_skipped()
    {
        var parsed = ChangeMessageParser.Parse(S3Event(
            ("ObjectRemoved:Delete", "customers/acme/CHG-20261130-AAAAAA.json"),
            ("ObjectCreated:Put", "customers/acme/CHG-20261130-BBBBBB.json")));

        Assert.Equal(["CHG-20261130-BBBBBB"], Triggers(parsed).Select(t => t.ChangeId));
    }

    [Fact]
    public void Removal_only_is_nothing_to_do()
    {
        var parsed = ChangeMessageParser.Parse(S3Event(
            ("ObjectRemoved:Delete", "customers/acme/CHG-20261130-AAAAAA.json"),
            ("ObjectRemoved:DeleteMarkerCreated", "customers/acme/CHG-20261130-BBBBBB.json")));

        Assert.IsType<ParsedMessage.NothingToDo>(parsed);
    }

    [Fact]
    public void Empty_records_is_nothing_to_do()
    {
        Assert.IsType<ParsedMessage.NothingToDo>(ChangeMessageParser.Parse("""{"Records":[]}"""));
    }

    [Fact]
    public void Legacy_message_whose_customer_code_does_not_match_its_key_is_malformed()
    {
        var body = JsonNode.Parse(SharedFixtures.Text("sqs-legacy.json"))!.AsObject();
        body["customer_code"] = "acme";

        var reason = MalformedReason(ChangeMessageParser.Parse(body.ToJsonString()));

        Assert.Contains("acme", reason);
        Assert.Contains("globex", reason);
    }

    [Fact]
    public void Legacy_message_with_a_bad_key_is_malformed()
    {
        var body = JsonNode.Parse(SharedFixtures.Text("sqs-legacy.json"))!.AsObject();
        body["s3_key"] = "archive/CHG-20261130-7Q2K9D.json";

        Assert.Contains("archive/CHG-20261130-7Q2K9D.json", MalformedReason(ChangeMessageParser.Parse(body.ToJsonString())));
    }

    [Fact]
    public void Legacy_message_without_customer_code_takes_it_from_the_key()
    {
        var body = JsonNode.Parse(SharedFixtures.Text("sqs-legacy.json"))!.AsObject();
        body.Remove("customer_code");

        Assert.Equal("globex", Assert.Single(Triggers(ChangeMessageParser.Parse(body.ToJsonString()))).CustomerCode);
    }

    [Fact]
    public void A_continuation_names_the_same_trigger_and_carries_its_cursor()
    {
        var trigger = new ChangeTrigger("msp-change-metadata-example", $"customers/acme/{FixtureChangeId}.json", "acme", FixtureChangeId,
            new DateTimeOffset(2026, 11, 30, 14, 20, 46, TimeSpan.Zero));
        var cursor = new DeliveryCursor(3, ChangeMgmt.Core.Ports.NotificationKind.CalendarInvite, "p042@acme.example");

        var parsed = Assert.Single(Triggers(ChangeMessageParser.Parse(ContinuationMessage.Create(trigger, cursor))));

        Assert.Equal(trigger with { Resume = cursor }, parsed);
    }

    [Theory]
    [InlineData("""{"continuation": {"version": "3", "kind": "Announcement", "from": "a@x"}}""")]
    [InlineData("""{"continuation": {"version": 3, "kind": "Gossip", "from": "a@x"}}""")]
    [InlineData("""{"continuation": {"version": 3, "kind": "Announcement"}}""")]
    [InlineData("""{"continuation": "from the top"}""")]
    [InlineData("""{"other": 1}""")]
    public void A_legacy_message_without_a_whole_cursor_is_delivered_from_the_start(string metadata)
    {
        var body = JsonNode.Parse(SharedFixtures.Text("sqs-legacy.json"))!.AsObject();
        body["metadata"] = JsonNode.Parse(metadata);

        Assert.Null(Assert.Single(Triggers(ChangeMessageParser.Parse(body.ToJsonString()))).Resume);
    }

    [Theory]
    [InlineData("this is not json", "not JSON")]
    [InlineData("", "not JSON")]
    [InlineData("""{"Records": [""", "not JSON")]
    [InlineData("[]", "Array")]
    [InlineData("\"text\"", "String")]
    [InlineData("""{"hello": "world"}""", "Records")]
    [InlineData("""{"Records": {"eventName": "ObjectCreated:Put"}}""", "Records is not an array")]
    public void Unusable_bodies_are_malformed_with_a_reason(string body, string reasonMentions)
    {
        Assert.Contains(reasonMentions, MalformedReason(ChangeMessageParser.Parse(body)));
    }

    [Theory]
    [InlineData("archive/CHG-20261130-7Q2K9D.json")]
    [InlineData("customers/acme/CHG-20261130-7Q2K9D.txt")]
    [InlineData("customers/acme/nested/CHG-20261130-7Q2K9D.json")]
    [InlineData("customers//CHG-20261130-7Q2K9D.json")]
    [InlineData("customers/acme/not-a-change.json")]
    public void Event_with_a_key_that_is_not_a_trigger_is_malformed_and_names_the_key(string key)
    {
        var reason = MalformedReason(ChangeMessageParser.Parse(S3Event(("ObjectCreated:Put", key))));

        Assert.Contains(key, reason);
        Assert.Contains("Records[0]", reason);
    }

    [Fact]
    public void Created_record_without_an_object_key_is_malformed()
    {
        var body = """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"}}}]}""";

        Assert.Contains("s3.object.key", MalformedReason(ChangeMessageParser.Parse(body)));
    }
}
