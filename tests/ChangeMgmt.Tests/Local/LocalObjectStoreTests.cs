using System.Text;
using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Tests.Local;

public sealed class LocalObjectStoreTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    // shared/fixtures/sqs-s3-event.json: the notification S3 sends for a Put.
    private const string S3EventFixture = """
        {
          "Records": [
            {
              "eventVersion": "2.1",
              "eventSource": "aws:s3",
              "awsRegion": "us-east-1",
              "eventTime": "2026-11-30T14:20:46.311Z",
              "eventName": "ObjectCreated:Put",
              "userIdentity": {"principalId": "AWS:AROAEXAMPLEAPI:changemgmt-api"},
              "requestParameters": {"sourceIPAddress": "10.0.0.1"},
              "responseElements": {"x-amz-request-id": "EXAMPLE123456789", "x-amz-id-2": "EXAMPLE/abcdefg"},
              "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "changemgmt-acme",
                "bucket": {"name": "msp-change-metadata-example", "ownerIdentity": {"principalId": "A3EXAMPLE"}, "arn": "arn:aws:s3:::msp-change-metadata-example"},
                "object": {"key": "customers/acme/CHG-20261130-7Q2K9D.json", "size": 1432, "eTag": "0123456789abcdef0123456789abcdef", "sequencer": "0066F1A2B3C4D5E6F7"}
              }
            }
          ]
        }
        """;

    private readonly LocalFixture _fixture = new();

    private LocalObjectStore Objects => _fixture.Adapters.Objects;

    private LocalChangeQueue Queue => _fixture.Adapters.Queue;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Put_then_get_returns_content_and_quoted_md5_etag()
    {
        var content = Encoding.UTF8.GetBytes("hello");

        var etag = await Objects.PutAsync("archive/CHG-1.json", content, WriteCondition.None, Ct);
        var stored = await Objects.GetAsync("archive/CHG-1.json", Ct);

        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", etag);
        Assert.NotNull(stored);
        Assert.Equal(content, stored.Content);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal(_fixture.Time.GetUtcNow(), stored.LastModified);
        Assert.Null(await Objects.GetAsync("archive/missing.json", Ct));
    }

    [Fact]
    public async Task Create_with_if_none_match_conflicts_when_the_object_exists()
    {
        await Objects.PutAsync("archive/CHG-1.json", [1], WriteCondition.MustNotExist, Ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Objects.PutAsync("archive/CHG-1.json", [2], WriteCondition.MustNotExist, Ct));

        Assert.Contains("archive/CHG-1.json", conflict.Message);
        Assert.Equal([1], (await Objects.GetAsync("archive/CHG-1.json", Ct))!.Content);
    }

    [Fact]
    public async Task Update_with_if_match_succeeds_only_with_the_current_etag()
    {
        var first = await Objects.PutAsync("archive/CHG-1.json", [1], WriteCondition.MustNotExist, Ct);
        var second = await Objects.PutAsync("archive/CHG-1.json", [2], WriteCondition.MustMatch(first), Ct);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Objects.PutAsync("archive/CHG-1.json", [3], WriteCondition.MustMatch(first), Ct));
        var missing = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Objects.PutAsync("archive/CHG-2.json", [3], WriteCondition.MustMatch(first), Ct));

        Assert.Contains("archive/CHG-1.json", stale.Message);
        Assert.Contains("archive/CHG-2.json", missing.Message);
        Assert.Equal(second, (await Objects.GetAsync("archive/CHG-1.json", Ct))!.ETag);
        Assert.Null(await Objects.GetAsync("archive/CHG-2.json", Ct));
    }

    [Fact]
    public async Task Racing_creates_of_one_key_have_exactly_one_winner()
    {
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await Objects.PutAsync("archive/CHG-RACE.json", [(byte)i], WriteCondition.MustNotExist, Ct);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_ignores_missing_keys()
    {
        await Objects.PutAsync("drafts/CHG-1.json", [1], WriteCondition.None, Ct);

        await Objects.DeleteAsync("drafts/CHG-1.json", Ct);
        await Objects.DeleteAsync("drafts/CHG-1.json", Ct);

        Assert.Null(await Objects.GetAsync("drafts/CHG-1.json", Ct));
    }

    [Fact]
    public async Task List_keys_pages_by_1000_in_key_order_within_the_prefix()
    {
        var keys = Enumerable.Range(0, 2100).Select(i => $"versions/CHG-1/v{i:D5}.json").ToList();
        foreach (var key in keys.AsEnumerable().Reverse())
            await Objects.PutAsync(key, [1], WriteCondition.None, Ct);
        await Objects.PutAsync("versions/CHG-10/v1.json", [1], WriteCondition.None, Ct);
        await Objects.PutAsync("versionz.json", [1], WriteCondition.None, Ct);

        var pages = new List<Page<string>>();
        string? token = null;
        do
        {
            var page = await Objects.ListKeysAsync("versions/CHG-1/", token, Ct);
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal([1000, 1000, 100], pages.Select(p => p.Items.Count));
        Assert.Equal(keys, pages.SelectMany(p => p.Items));
    }

    [Fact]
    public async Task A_trigger_put_enqueues_one_s3_event_for_that_customer_only()
    {
        var content = Encoding.UTF8.GetBytes("{\"changeId\":\"CHG-20261130-7Q2K9D\"}");

        var etag = await Objects.PutAsync("customers/acme/CHG-20261130-7Q2K9D.json", content, WriteCondition.None, Ct);

        var messages = await Queue.ReceiveAsync("acme", 10, TimeSpan.FromMinutes(1), TimeSpan.Zero, Ct);
        var message = Assert.Single(messages);
        using var document = JsonDocument.Parse(message.Body);
        var record = Assert.Single(document.RootElement.GetProperty("Records").EnumerateArray());
        Assert.Equal("2.1", record.GetProperty("eventVersion").GetString());
        Assert.Equal("aws:s3", record.GetProperty("eventSource").GetString());
        Assert.Equal("ObjectCreated:Put", record.GetProperty("eventName").GetString());
        Assert.Equal("2026-11-30T14:20:46.311Z", record.GetProperty("eventTime").GetString());
        var s3 = record.GetProperty("s3");
        Assert.Equal(LocalFixture.Bucket, s3.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal($"arn:aws:s3:::{LocalFixture.Bucket}", s3.GetProperty("bucket").GetProperty("arn").GetString());
        var s3Object = s3.GetProperty("object");
        Assert.Equal("customers/acme/CHG-20261130-7Q2K9D.json", s3Object.GetProperty("key").GetString());
        Assert.Equal(content.Length, s3Object.GetProperty("size").GetInt64());
        Assert.Equal(etag.Trim('"'), s3Object.GetProperty("eTag").GetString());
        Assert.False(string.IsNullOrEmpty(s3Object.GetProperty("sequencer").GetString()));
        Assert.Equal(0, (await Queue.CountAsync("globex", Ct)).Total);
    }

    [Fact]
    public async Task The_event_has_every_field_of_the_s3_fixture_with_the_same_kinds()
    {
        await Objects.PutAsync("customers/acme/CHG-20261130-7Q2K9D.json", [1, 2, 3], WriteCondition.None, Ct);
        var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, TimeSpan.FromMinutes(1), TimeSpan.Zero, Ct));

        using var expected = JsonDocument.Parse(S3EventFixture);
        using var actual = JsonDocument.Parse(message.Body);

        AssertSameShape(expected.RootElement, actual.RootElement, "$");
    }

    [Fact]
    public async Task The_event_key_is_url_encoded_as_s3_does_and_the_core_parser_reads_it_back()
    {
        const string Key = "customers/acme/CHG-with space+plus.json";
        await Objects.PutAsync(Key, [1], WriteCondition.None, Ct);

        var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, TimeSpan.FromMinutes(1), TimeSpan.Zero, Ct));
        using var document = JsonDocument.Parse(message.Body);
        var encoded = document.RootElement.GetProperty("Records")[0].GetProperty("s3").GetProperty("object").GetProperty("key").GetString();

        Assert.Equal("customers/acme/CHG-with+space%2Bplus.json", encoded);
        var parsed = Assert.IsType<ParsedMessage.Malformed>(ChangeMessageParser.Parse(message.Body));
        Assert.Contains(Key, parsed.Reason);
    }

    [Fact]
    public async Task The_core_parser_reads_a_local_trigger_event()
    {
        await Objects.PutAsync("customers/acme/CHG-20261130-7Q2K9D.json", [1], WriteCondition.None, Ct);

        var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, TimeSpan.FromMinutes(1), TimeSpan.Zero, Ct));
        var triggers = Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(message.Body));

        var trigger = Assert.Single(triggers.Items);
        Assert.Equal(("acme", "CHG-20261130-7Q2K9D", LocalFixture.Bucket), (trigger.CustomerCode, trigger.ChangeId, trigger.Bucket));
    }

    [Theory]
    [InlineData("archive/CHG-1.json")]
    [InlineData("versions/CHG-1/v1.json")]
    [InlineData("customers/acme/CHG-1.txt")]
    [InlineData("customers/acme.json")]
    [InlineData("customers//CHG-1.json")]
    public async Task Keys_outside_the_trigger_layout_enqueue_nothing(string key)
    {
        await Objects.PutAsync(key, [1], WriteCondition.None, Ct);

        var counts = await Queue.CountAllAsync(Ct);

        Assert.Empty(counts);
    }

    private static void AssertSameShape(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Object)
            foreach (var property in expected.EnumerateObject())
            {
                Assert.True(actual.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is missing");
                AssertSameShape(property.Value, value, $"{path}.{property.Name}");
            }
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
            for (var i = 0; i < expected.GetArrayLength(); i++)
                AssertSameShape(expected[i], actual[i], $"{path}[{i}]");
        }
    }
}
