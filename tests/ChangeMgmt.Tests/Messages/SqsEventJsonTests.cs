using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Messages;

namespace ChangeMgmt.Tests.Messages;

/// <summary>
/// An SQS event as Lambda delivers it (POST /events), read with generated metadata only as the server reads it (issue 25):
/// a field the event leaves out keeps its default (dotnet/runtime#84484), and the fields we do not model are skipped.
/// </summary>
public sealed class SqsEventJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = SqsEventJsonContext.Default };

    private static SqsEvent Read(JsonObject batch) => JsonSerializer.Deserialize(batch.ToJsonString(), Options.TypeInfo<SqsEvent>())!;

    [Fact]
    public void A_record_as_lambda_writes_it_reads_every_field_we_use()
    {
        var body = SharedFixtures.Text("sqs-s3-event.json");
        var batch = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["messageId"] = "m-1",
                ["receiptHandle"] = "h-1",
                ["body"] = body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "2" },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "0123",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme",
                ["awsRegion"] = "us-east-1",
            }),
        };

        var record = Assert.Single(Read(batch).Records);

        Assert.Equal(("m-1", "h-1", body), (record.MessageId, record.ReceiptHandle, record.Body));
        Assert.Equal("2", record.Attributes!["ApproximateReceiveCount"]);
        Assert.Equal(("aws:sqs", "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme", "us-east-1"), (record.EventSource, record.EventSourceArn, record.AwsRegion));
    }

    [Fact]
    public void A_record_leaving_out_its_message_id_reads_it_as_empty()
    {
        var record = Assert.Single(Read(new JsonObject { ["Records"] = new JsonArray(new JsonObject { ["body"] = SharedFixtures.Text("sqs-legacy.json") }) }).Records);

        Assert.Equal("", record.MessageId);
        Assert.Null(record.ReceiptHandle);
        Assert.Null(record.Attributes);
    }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SqsEvent))]
internal sealed partial class SqsEventJsonContext : JsonSerializerContext;
