using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Messages;

/// <summary>An SQS event batch as AWS Lambda delivers it (field names as Lambda writes them).</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] List<SqsRecord> Records);

public sealed record SqsRecord
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    [JsonPropertyName("messageId")] public string MessageId { get; set; } = "";
    [JsonPropertyName("receiptHandle")] public string? ReceiptHandle { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
}

/// <summary>The partial batch response (ReportBatchItemFailures): the messages to deliver again.</summary>
public sealed record SqsBatchResponse([property: JsonPropertyName("batchItemFailures")] List<SqsBatchItemFailure> BatchItemFailures);

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
