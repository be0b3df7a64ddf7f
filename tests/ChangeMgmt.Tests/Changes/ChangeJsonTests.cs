using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Tests.Changes;

public sealed class ChangeJsonTests
{
    private static readonly string[] DateFields =
        ["implementationStart", "implementationEnd", "createdAt", "modifiedAt", "submittedAt"];

    private static Change Fixture() => ChangeJson.Deserialize(SharedFixtures.Bytes("change-submitted.json"), "change-submitted.json");

    [Fact]
    public void Fixture_change_is_read_with_every_field()
    {
        var change = Fixture();

        Assert.Equal("CHG-20261130-7Q2K9D", change.ChangeId);
        Assert.Equal("Rotate TLS certificates on shared ingress", change.ChangeTitle);
        Assert.Equal(["acme", "globex"], change.Customers);
        Assert.Equal("CHG0031337", change.SnowTicket);
        Assert.Equal("OPS-4411", change.JiraTicket);
        Assert.Equal(ChangeStatus.Submitted, change.Status);
        Assert.Equal(2, change.Version);
        Assert.Equal("America/New_York", change.Timezone);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.FromHours(-5)), change.ImplementationStart);
        Assert.Equal(TimeSpan.FromHours(-5), change.ImplementationStart!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 4, 30, 0, TimeSpan.Zero), change.ImplementationEnd);
        Assert.Equal("jane.doe@msp.example", change.SubmittedBy);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 20, 45, TimeSpan.Zero), change.SubmittedAt);
        Assert.Equal(["created", "submitted"], change.Modifications.Select(m => m.ModificationType));
        Assert.All(change.Modifications, m => Assert.Equal("jane.doe@msp.example", m.UserId));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 2, 11, TimeSpan.Zero), change.Modifications[0].Timestamp);

        Assert.NotNull(change.Extra);
        Assert.Equal("change", change.Extra!["object_type"].GetString());
    }

    [Fact]
    public void Fixture_change_round_trips_keeping_unknown_fields_and_offsets()
    {
        var original = JsonNode.Parse(SharedFixtures.Text("change-submitted.json"))!.AsObject();

        var written = JsonNode.Parse(ChangeJson.Serialize(Fixture()))!.AsObject();

        Assert.Equal("change", (string?)written["object_type"]);
        Assert.Equal("2026-12-03T22:00:00-05:00", (string?)written["implementationStart"]);
        Assert.Equal("2026-12-03T23:30:00-05:00", (string?)written["implementationEnd"]);
        Assert.Equal("submitted", (string?)written["status"]);
        foreach (var (name, value) in original)
        {
            Assert.True(written.ContainsKey(name), $"'{name}' was dropped");
            if (DateFields.Contains(name))
                Assert.Equal(DateTimeOffset.Parse((string)value!), DateTimeOffset.Parse((string)written[name]!));
            else if (name == "modifications")
                AssertModificationsEqual(value!.AsArray(), written[name]!.AsArray());
            else
                Assert.True(JsonNode.DeepEquals(value, written[name]), $"'{name}': {value?.ToJsonString()} became {written[name]?.ToJsonString()}");
        }
    }

    private static void AssertModificationsEqual(JsonArray expected, JsonArray actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i]!.AsObject();
            var a = actual[i]!.AsObject();
            Assert.Equal((string?)e["user_id"], (string?)a["user_id"]);
            Assert.Equal((string?)e["modification_type"], (string?)a["modification_type"]);
            Assert.Equal(DateTimeOffset.Parse((string)e["timestamp"]!), DateTimeOffset.Parse((string)a["timestamp"]!));
        }
    }

    [Fact]
    public void Writing_what_was_read_is_stable()
    {
        var once = ChangeJson.Serialize(Fixture());
        var twice = ChangeJson.Serialize(ChangeJson.Deserialize(once, "once"));

        Assert.Equal(Encoding.UTF8.GetString(once), Encoding.UTF8.GetString(twice));
    }

    [Theory]
    [InlineData(ChangeStatus.Draft, "draft")]
    [InlineData(ChangeStatus.Submitted, "submitted")]
    [InlineData(ChangeStatus.Approved, "approved")]
    [InlineData(ChangeStatus.Completed, "completed")]
    [InlineData(ChangeStatus.Cancelled, "cancelled")]
    public void Status_is_written_in_lower_case_and_read_back(ChangeStatus status, string text)
    {
        var json = JsonNode.Parse(ChangeJson.Serialize(new Change { ChangeId = "CHG-1", Status = status }))!;

        Assert.Equal(text, (string?)json["status"]);
        Assert.Equal(status, ChangeJson.Deserialize(Encoding.UTF8.GetBytes($$"""{"changeId":"CHG-1","status":"{{text}}"}"""), "t").Status);
    }

    [Fact]
    public void Unknown_fields_of_modifications_are_kept()
    {
        var json = """
            {"changeId":"CHG-1","status":"draft","modifications":[
              {"timestamp":"2026-11-30T14:02:11Z","user_id":"u","modification_type":"created","comment":"first draft","old_value":{"a":1}}
            ]}
            """;

        var written = JsonNode.Parse(ChangeJson.Serialize(ChangeJson.Deserialize(Encoding.UTF8.GetBytes(json), "t")))!;

        var modification = written["modifications"]![0]!;
        Assert.Equal("first draft", (string?)modification["comment"]);
        Assert.Equal(1, (int?)modification["old_value"]!["a"]);
    }

    [Fact]
    public void Fields_that_are_not_set_are_not_written()
    {
        var json = JsonNode.Parse(ChangeJson.Serialize(new Change { ChangeId = "CHG-1" }))!.AsObject();

        Assert.False(json.ContainsKey("approvedAt"));
        Assert.False(json.ContainsKey("changeTitle"));
        Assert.Equal("CHG-1", (string?)json["changeId"]);
    }

    // Generated metadata (issue 25) left init-only defaults unset when a document leaves the field out (dotnet/runtime#84484).
    [Fact]
    public void An_old_stored_version_leaving_out_the_defaulted_fields_reads_with_their_defaults()
    {
        var change = ChangeJson.Deserialize("""{"changeTitle":"Written before customers, status and history were stored","version":1}"""u8, "archive/old.json");

        Assert.Equal("", change.ChangeId);
        Assert.Empty(change.Customers);
        Assert.Equal(ChangeStatus.Draft, change.Status);
        Assert.Empty(change.Modifications);
        Assert.Null(change.Withdrawals);
        Assert.Null(change.Emergency);
        Assert.Null(change.Extra);
        Assert.Null(change.VersionWhen(ChangeStatus.Submitted));
    }

    [Fact]
    public void A_modification_leaving_out_its_user_and_type_reads_them_as_empty_and_keeps_its_unknown_fields()
    {
        var change = ChangeJson.Deserialize("""{"changeId":"CHG-1","modifications":[{"timestamp":"2026-11-30T14:02:11Z","ticket_ref":"OPS-1"}]}"""u8, "t");

        var modification = Assert.Single(change.Modifications);
        Assert.Equal(("", ""), (modification.UserId, modification.ModificationType));
        Assert.Equal("OPS-1", modification.Extra!["ticket_ref"].GetString());
        Assert.Equal("OPS-1", (string?)JsonNode.Parse(ChangeJson.Serialize(change))!["modifications"]![0]!["ticket_ref"]);
    }

    [Fact]
    public void The_go_tools_fields_this_system_does_not_know_round_trip_through_extra()
    {
        var go = JsonNode.Parse(SharedFixtures.Text("change-submitted.json"))!.AsObject();
        go["approval_group"] = "cab-east";
        go["meeting_metadata"] = new JsonObject { ["meeting_id"] = "AAMkAGI2" };

        var change = ChangeJson.Deserialize(Encoding.UTF8.GetBytes(go.ToJsonString()), "go.json");
        var written = JsonNode.Parse(ChangeJson.Serialize(change))!;

        Assert.Equal(["object_type", "approval_group", "meeting_metadata"], change.Extra!.Keys);
        Assert.Equal("change", (string?)written["object_type"]);
        Assert.Equal("cab-east", (string?)written["approval_group"]);
        Assert.Equal("AAMkAGI2", (string?)written["meeting_metadata"]!["meeting_id"]);
    }

    [Fact]
    public void A_change_file_with_only_a_title_reads_with_the_defaults()
    {
        var change = ChangeInput.Read("""{"changeTitle":"Half written"}"""u8, "draft.json");

        Assert.Equal(("", ChangeStatus.Draft), (change.ChangeId, change.Status));
        Assert.Empty(change.Customers);
        Assert.Empty(change.Modifications);
    }

    [Fact]
    public void A_broken_document_names_its_source_and_where()
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
            ChangeJson.Deserialize(Encoding.UTF8.GetBytes("""{"changeId":"CHG-1","status":"pending"}"""), "archive/CHG-1.json"));

        Assert.Contains("archive/CHG-1.json", ex.Message);
        Assert.Contains("status", ex.Message);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public void A_null_document_is_rejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ChangeJson.Deserialize("null"u8, "archive/CHG-1.json"));

        Assert.Contains("archive/CHG-1.json", ex.Message);
    }
}
