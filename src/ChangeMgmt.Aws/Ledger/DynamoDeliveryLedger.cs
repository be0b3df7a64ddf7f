using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ledger;

/// <summary>
/// The delivery ledger in DynamoDB. One partition per (change, customer) — a change's sends to one
/// customer stay well under a partition's write limit — and one item per notification, version and
/// recipient. A claim is one conditional update: it creates the item, or takes over a Failed one or
/// a Sending one whose lease ran out; Sent is final.
/// </summary>
public sealed partial class DynamoDeliveryLedger(IAmazonDynamoDB dynamo, string tableName, IEnumerable<string> customerCodes, TimeProvider time) : IDeliveryLedger, IDeliveryOutcomes
{
    public const string DefaultTableName = ChangeMgmtConfig.DefaultDeliveryLedgerTable;

    // Every write sets the identifying attributes, so an item is readable however it was created.
    private const string IdentitySet = "customer = :customer, changeId = :change, kind = :kind, version = :version, recipient = :recipient";

    /// <summary>The table's shape (for tests and templates): pk = "{changeId}#{customer}", sk = "{kind}#{version}#{recipient}".</summary>
    public static CreateTableRequest TableDefinition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        AttributeDefinitions =
        [
            new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S), new("customer", ScalarAttributeType.S),
            new("sentAt", ScalarAttributeType.N), new("undelivered", ScalarAttributeType.S), new("changeId", ScalarAttributeType.S),
        ],
        GlobalSecondaryIndexes =
        [
            new() { IndexName = SentIndex, KeySchema = [new("customer", KeyType.HASH), new("sentAt", KeyType.RANGE)], Projection = new() { ProjectionType = ProjectionType.INCLUDE, NonKeyAttributes = ["outcome"] } },
            new() { IndexName = UndeliveredIndex, KeySchema = [new("undelivered", KeyType.HASH), new("changeId", KeyType.RANGE)], Projection = new() { ProjectionType = ProjectionType.KEYS_ONLY } },
        ],
    };
    private readonly IReadOnlyList<string> customers = [.. customerCodes];

    public async Task<ClaimResult> TryClaimAsync(DeliveryKey key, string topic, TimeSpan lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = LedgerItem.Key(key),
                UpdateExpression = $"SET #state = :sending, topic = :topic, claimedUntil = :until, updatedAt = :now, {IdentitySet} ADD attempts :one",
                ConditionExpression = "attribute_not_exists(pk) OR #state = :failed OR (#state = :sending AND claimedUntil < :nowMs)",
                ExpressionAttributeNames = new() { ["#state"] = "state" },
                ExpressionAttributeValues = LedgerItem.Identity(key, new()
                {
                    [":sending"] = new() { S = nameof(DeliveryState.Sending) },
                    [":failed"] = new() { S = nameof(DeliveryState.Failed) },
                    [":topic"] = new() { S = topic },
                    [":until"] = LedgerItem.Number((now + lease).ToUnixTimeMilliseconds()),
                    [":nowMs"] = LedgerItem.Number(now.ToUnixTimeMilliseconds()),
                    [":now"] = new() { S = now.ToString("O") },
                    [":one"] = LedgerItem.Number(1),
                }),
            }, ct);
            return ClaimResult.Claimed;
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await GetAsync(key, ct);
            return existing?.State == DeliveryState.Sent ? ClaimResult.AlreadySent : ClaimResult.InProgress;
        }
        catch (AmazonServiceException ex)
        {
            throw Map(ex, key);
        }
    }

    /// <summary>A send to a recipient gets sentAt, which puts it in <see cref="SentIndex"/>; an outcome record does not.</summary>
    public Task MarkSentAsync(DeliveryKey key, string messageId, CancellationToken ct) =>
        UpdateAsync(key, $"SET #state = :sent, messageId = :messageId, updatedAt = :now, {IdentitySet}{(key.IsOutcome ? "" : ", sentAt = :sentAt")} REMOVE claimedUntil, #error, undelivered", null, new Dictionary<string, AttributeValue>
        {
            [":sent"] = new() { S = nameof(DeliveryState.Sent) },
            [":messageId"] = new() { S = messageId },
            [":sentAt"] = LedgerItem.Number(time.GetUtcNow().ToUnixTimeMilliseconds()),
        }.Where(v => !key.IsOutcome || v.Key != ":sentAt").ToDictionary(), ct);

    /// <summary>A failed send to a recipient is undelivered (<see cref="UndeliveredIndex"/>) until a later attempt sends it.</summary>
    public Task MarkFailedAsync(DeliveryKey key, string error, CancellationToken ct) =>
        UpdateAsync(key, $"SET #state = :failed, #error = :error, updatedAt = :now, {IdentitySet}{(key.IsOutcome ? "" : ", undelivered = :customer")} REMOVE claimedUntil", "attribute_not_exists(#state) OR #state <> :sent", new()
        {
            [":failed"] = new() { S = nameof(DeliveryState.Failed) },
            [":sent"] = new() { S = nameof(DeliveryState.Sent) },
            [":error"] = new() { S = error },
        }, ct);

    public async Task ReleaseAsync(DeliveryKey key, CancellationToken ct)
    {
        try
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = LedgerItem.Key(key),
                ConditionExpression = "#state = :sending",
                ExpressionAttributeNames = new() { ["#state"] = "state" },
                ExpressionAttributeValues = new() { [":sending"] = new() { S = nameof(DeliveryState.Sending) } },
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Sent (or gone): nothing to give up.
        }
        catch (AmazonServiceException ex)
        {
            throw Map(ex, key);
        }
    }

    /// <summary>claimedUntil 0: a lease that ran out long ago, so the continuation that finishes the notification can claim it.</summary>
    public Task MarkContinuingAsync(DeliveryKey outcomeKey, string topic, int recipients, CancellationToken ct) =>
        UpdateAsync(outcomeKey, $"SET #state = :sending, topic = :topic, recipients = :recipients, claimedUntil = :zero, updatedAt = :now, {IdentitySet} REMOVE #error",
            "attribute_not_exists(#state) OR #state <> :sent", new()
            {
                [":sending"] = new() { S = nameof(DeliveryState.Sending) },
                [":sent"] = new() { S = nameof(DeliveryState.Sent) },
                [":topic"] = new() { S = topic },
                [":recipients"] = LedgerItem.Number(recipients),
                [":zero"] = LedgerItem.Number(0),
            }, ct);

    /// <summary>
    /// One item per customer ("send-time#{customer}"), moved on by a conditional update on the value read; a process
    /// that loses the race to another reads again. Only the processes sending for one customer at once contend.
    /// </summary>
    public async Task<DateTimeOffset> BookSendTimeAsync(string customerCode, DateTimeOffset earliest, TimeSpan length, CancellationToken ct)
    {
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = $"send-time#{customerCode}" }, ["sk"] = new() { S = "account" } };
        var lengthMs = (long)length.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = true }, ct);
                var booked = item.Item is { Count: > 0 } found && found.TryGetValue("bookedUntil", out var until) ? long.Parse(until.N, CultureInfo.InvariantCulture) : (long?)null;
                var start = Math.Max(booked ?? 0, earliest.ToUnixTimeMilliseconds());
                var values = new Dictionary<string, AttributeValue> { [":until"] = LedgerItem.Number(start + lengthMs), [":customer"] = new() { S = customerCode } };
                if (booked is { } previous) values[":booked"] = LedgerItem.Number(previous);
                await dynamo.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = key,
                    UpdateExpression = "SET bookedUntil = :until, customer = :customer",
                    ConditionExpression = booked is null ? "attribute_not_exists(bookedUntil)" : "bookedUntil = :booked",
                    ExpressionAttributeValues = values,
                }, ct);
                return DateTimeOffset.FromUnixTimeMilliseconds(start);
            }
            catch (ConditionalCheckFailedException) when (attempt < MaxBookingAttempts)
            {
                // Another process booked first: read its booking and book after it.
            }
            catch (AmazonServiceException ex)
            {
                throw AwsErrors.Create(ex.ErrorCode, ex.StatusCode, ex.Message, customerCode, ex.RequestId, ex);
            }
        }
    }

    /// <summary>Far more than the processes that send for one customer at once (the event source's maximum concurrency).</summary>
    private const int MaxBookingAttempts = 50;

    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, CancellationToken ct) =>
        ListAsync(changeId, customerCode, withOutcomes: false, ct);

    public Task<IReadOnlyList<DeliveryRecord>> ListWithOutcomesAsync(string changeId, string? customerCode, CancellationToken ct) =>
        ListAsync(changeId, customerCode, withOutcomes: true, ct);

    private async Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, bool withOutcomes, CancellationToken ct)
    {
        var codes = customerCode is null ? customers : [customerCode];
        var pages = await Task.WhenAll(codes.Select(code => QueryAsync(changeId, code, ct)));
        return [.. pages.SelectMany(p => p).Where(r => withOutcomes || !r.Key.IsOutcome).OrderBy(r => r.Key.CustomerCode).ThenBy(r => r.Key.Version).ThenBy(r => r.Key.Kind).ThenBy(r => r.Key.Recipient)];
    }

    private async Task<List<DeliveryRecord>> QueryAsync(string changeId, string customerCode, CancellationToken ct) =>
        [.. (await QueryAllAsync(new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new() { S = LedgerItem.PartitionKey(changeId, customerCode) } },
            ConsistentRead = true,
        }, int.MaxValue, ct)).Select(LedgerItem.Read)];

    /// <summary>Every page of <paramref name="request"/>, up to <paramref name="limit"/> items (int.MaxValue: all).</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(QueryRequest request, int limit, CancellationToken ct)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            request.Limit = limit == int.MaxValue ? null : Math.Min(limit - items.Count, 1000);
            var page = await dynamo.QueryAsync(request, ct);
            items.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (request.ExclusiveStartKey is not null && items.Count < limit);
        return items;
    }

    private async Task<DeliveryRecord?> GetAsync(DeliveryKey key, CancellationToken ct)
    {
        var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = LedgerItem.Key(key), ConsistentRead = true }, ct);
        return item.Item is { Count: > 0 } found ? LedgerItem.Read(found) : null;
    }

    private async Task UpdateAsync(DeliveryKey key, string update, string? condition, Dictionary<string, AttributeValue> values, CancellationToken ct)
    {
        values[":now"] = new() { S = time.GetUtcNow().ToString("O") };
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = LedgerItem.Key(key),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = new() { ["#state"] = "state", ["#error"] = "error" },
                ExpressionAttributeValues = LedgerItem.Identity(key, values),
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Marking a Sent delivery as failed or continuing: Sent is final, nothing to do.
        }
        catch (AmazonServiceException ex)
        {
            throw Map(ex, key);
        }
    }

    private static Exception Map(AmazonServiceException ex, DeliveryKey key) =>
        AwsErrors.Create(ex.ErrorCode, ex.StatusCode, ex.Message, key.CustomerCode, ex.RequestId, ex);
}
