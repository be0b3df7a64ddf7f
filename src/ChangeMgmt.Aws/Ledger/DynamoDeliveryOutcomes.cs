using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ledger;

/// <summary>
/// The per-recipient outcomes, on the ledger's items. Two sparse indexes answer the customer-wide questions without a scan:
/// <see cref="SentIndex"/> (customer, sentAt: set when a send to a recipient is marked Sent) and <see cref="UndeliveredIndex"/>
/// (undelivered = customer code, changeId: set while a recipient's outcome is undelivered or its send failed).
/// </summary>
public sealed partial class DynamoDeliveryLedger
{
    public const string SentIndex = "customer-sentAt";
    public const string UndeliveredIndex = "undelivered-changeId";

    public async Task<FeedbackApplied> RecordAsync(DeliveryKey key, string messageId, RecipientFeedback feedback, CancellationToken ct)
    {
        var undelivered = RecipientOutcomes.IsUndelivered(feedback.Outcome);
        var values = new Dictionary<string, AttributeValue>
        {
            [":messageId"] = new() { S = messageId },
            [":sent"] = new() { S = nameof(DeliveryState.Sent) },
            [":outcome"] = new() { S = feedback.Outcome.ToString() },
            [":rank"] = LedgerItem.Number(RecipientOutcomes.Rank(feedback.Outcome)),
            [":at"] = new() { S = feedback.At.ToString("O", CultureInfo.InvariantCulture) },
            [":detail"] = feedback.Detail is { } detail ? new() { S = detail } : new() { NULL = true },
        };
        if (undelivered) values[":customer"] = new() { S = key.CustomerCode };
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = LedgerItem.Key(key),
                UpdateExpression = "SET outcome = :outcome, outcomeRank = :rank, outcomeAt = :at, outcomeDetail = :detail"
                    + (undelivered ? ", undelivered = :customer" : " REMOVE undelivered"),
                ConditionExpression = "messageId = :messageId AND #state = :sent AND (attribute_not_exists(outcomeRank) OR outcomeRank < :rank)",
                ExpressionAttributeNames = new() { ["#state"] = "state" },
                ExpressionAttributeValues = values,
            }, ct);
            return FeedbackApplied.Changed;
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await GetAsync(key, ct);
            if (existing is { State: DeliveryState.Sending or DeliveryState.Failed } && !key.IsOutcome && await ConfirmSentAsync(key, messageId, feedback.At, ct))
                return await RecordAsync(key, messageId, feedback, ct);
            return existing is { State: DeliveryState.Sent } && existing.MessageId == messageId ? FeedbackApplied.Unchanged : FeedbackApplied.NotRecorded;
        }
        catch (Amazon.Runtime.AmazonServiceException ex)
        {
            throw Map(ex, key);
        }
    }

    /// <summary>
    /// SES's event proves it accepted the send: a record its sender left Sending (it died before recording) or Failed
    /// (it lost SES's reply) becomes Sent with the event's message id, so no takeover or retry sends it again.
    /// </summary>
    private async Task<bool> ConfirmSentAsync(DeliveryKey key, string messageId, DateTimeOffset acceptedAt, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = LedgerItem.Key(key),
                UpdateExpression = "SET #state = :sent, messageId = :messageId, sentAt = :sentAt, updatedAt = :now REMOVE claimedUntil, #error, undelivered",
                ConditionExpression = "#state IN (:sending, :failed)",
                ExpressionAttributeNames = new() { ["#state"] = "state", ["#error"] = "error" },
                ExpressionAttributeValues = new()
                {
                    [":sent"] = new() { S = nameof(DeliveryState.Sent) },
                    [":sending"] = new() { S = nameof(DeliveryState.Sending) },
                    [":failed"] = new() { S = nameof(DeliveryState.Failed) },
                    [":messageId"] = new() { S = messageId },
                    [":sentAt"] = LedgerItem.Number(acceptedAt.ToUnixTimeMilliseconds()),
                    [":now"] = new() { S = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<OutcomeWindows> CountAsync(string customerCode, DateTimeOffset since, int lastSends, CancellationToken ct)
    {
        var window = CountSentAsync(customerCode, since, int.MaxValue, ct);
        var recent = lastSends <= 0 ? Task.FromResult(OutcomeCounts.None) : CountSentAsync(customerCode, DateTimeOffset.UnixEpoch, lastSends, ct);
        return new(await window, await recent);
    }

    public async Task<IReadOnlyList<string>> ListUndeliveredChangesAsync(string? customerCode, CancellationToken ct)
    {
        var codes = customerCode is null ? customers : [customerCode];
        var pages = await Task.WhenAll(codes.Select(code => QueryIndexAsync(UndeliveredIndex, "undelivered = :customer", code, null, int.MaxValue, ct)));
        return [.. pages.SelectMany(p => p).Select(item => item["changeId"].S).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The customer's sends from the newest back to <paramref name="since"/>, at most <paramref name="limit"/> of them.</summary>
    private async Task<OutcomeCounts> CountSentAsync(string customerCode, DateTimeOffset since, int limit, CancellationToken ct)
    {
        var items = await QueryIndexAsync(SentIndex, "customer = :customer AND sentAt >= :since", customerCode, since.ToUnixTimeMilliseconds(), limit, ct);
        return OutcomeCounts.Of([.. items.Select(i => i.TryGetValue("outcome", out var o) && Enum.TryParse<RecipientOutcome>(o.S, out var outcome) ? outcome : (RecipientOutcome?)null)]);
    }

    /// <summary>Every page of an index query (newest first), up to <paramref name="limit"/> items.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryIndexAsync(string index, string condition, string customerCode, long? since, int limit, CancellationToken ct)
    {
        var values = new Dictionary<string, AttributeValue> { [":customer"] = new() { S = customerCode } };
        if (since is { } from) values[":since"] = LedgerItem.Number(from);
        try
        {
            return await QueryAllAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = index,
                KeyConditionExpression = condition,
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
            }, limit, ct);
        }
        catch (Amazon.Runtime.AmazonServiceException ex)
        {
            throw AwsErrors.Create(ex.ErrorCode, ex.StatusCode, ex.Message, customerCode, ex.RequestId, ex);
        }
    }
}
