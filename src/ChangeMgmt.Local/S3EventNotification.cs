using System.Net;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Local;

/// <summary>One object-created event, as S3 writes it to an SQS queue.</summary>
public sealed record S3ObjectCreated(
    string BucketName,
    string Key,
    long Size,
    string ETag,
    string Sequencer,
    DateTimeOffset EventTime,
    string ConfigurationId,
    string Region = "us-east-1");

/// <summary>Builds the S3 event notification JSON (event version 2.1) that S3 sends for a Put.</summary>
public static class S3EventNotification
{
    private const string LocalPrincipal = "LOCAL";

    public static string ObjectCreatedPut(S3ObjectCreated created)
    {
        var record = new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = created.Region,
            ["eventTime"] = created.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["eventName"] = "ObjectCreated:Put",
            ["userIdentity"] = new JsonObject { ["principalId"] = LocalPrincipal },
            ["requestParameters"] = new JsonObject { ["sourceIPAddress"] = "127.0.0.1" },
            ["responseElements"] = new JsonObject
            {
                ["x-amz-request-id"] = created.Sequencer,
                ["x-amz-id-2"] = $"local/{created.Sequencer}",
            },
            ["s3"] = S3Entity(created),
        };
        return new JsonObject { ["Records"] = new JsonArray(record) }.ToJsonString();
    }

    /// <summary>Encodes a key as S3 does in notifications: form encoding (space as '+'), '/' kept.</summary>
    public static string EncodeKey(string key) =>
        string.Join('/', key.Split('/').Select(WebUtility.UrlEncode));

    private static JsonObject S3Entity(S3ObjectCreated created) => new()
    {
        ["s3SchemaVersion"] = "1.0",
        ["configurationId"] = created.ConfigurationId,
        ["bucket"] = new JsonObject
        {
            ["name"] = created.BucketName,
            ["ownerIdentity"] = new JsonObject { ["principalId"] = LocalPrincipal },
            ["arn"] = $"arn:aws:s3:::{created.BucketName}",
        },
        ["object"] = new JsonObject
        {
            ["key"] = EncodeKey(created.Key),
            ["size"] = created.Size,
            ["eTag"] = created.ETag.Trim('"'),
            ["sequencer"] = created.Sequencer,
        },
    };
}
