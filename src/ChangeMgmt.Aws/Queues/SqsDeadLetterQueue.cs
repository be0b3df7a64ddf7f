using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Queues;

/// <summary>
/// A customer queue's dead-letter queue, found through the queue's RedrivePolicy (never by name):
/// SQS moves a message there once it was received <see cref="MaxReceives"/> times without being deleted.
/// </summary>
internal sealed record SqsDeadLetterQueue(IAmazonSQS Client, string Url, string Name, int MaxReceives)
{
    private const int PeekLimit = 1000;
    private const int ReceiveWaitSeconds = 1;

    public static async Task<SqsDeadLetterQueue?> FindAsync(AwsSettings settings, string customerCode, IAmazonSQS client, string queueUrl, CancellationToken ct)
    {
        var response = await AwsCalls.RunAsync(settings, customerCode, t => client.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = [QueueAttributeName.RedrivePolicy],
        }, t), ct).ConfigureAwait(false);
        if (response.Attributes is null || !response.Attributes.TryGetValue(QueueAttributeName.RedrivePolicy, out var policy) || string.IsNullOrEmpty(policy))
            return null;
        using var json = JsonDocument.Parse(policy);
        var root = json.RootElement;
        if (!SqsQueueArn.TryParse(root.GetProperty("deadLetterTargetArn").GetString(), out var target)) return null;
        var maxReceives = root.GetProperty("maxReceiveCount") is { ValueKind: JsonValueKind.String } text
            ? int.Parse(text.GetString()!, CultureInfo.InvariantCulture)
            : root.GetProperty("maxReceiveCount").GetInt32();
        var url = await AwsCalls.RunAsync(settings, customerCode, t => client.GetQueueUrlAsync(new GetQueueUrlRequest
        {
            QueueName = target.QueueName,
            QueueOwnerAWSAccountId = target.AccountId,
        }, t), ct).ConfigureAwait(false);
        return new(client, url.QueueUrl, target.QueueName, maxReceives);
    }

    /// <summary>Reads the messages without removing them: each is received once, then made visible again.</summary>
    public async Task<IReadOnlyList<DeadLetter>> PeekAsync(AwsSettings settings, string customerCode, CancellationToken ct)
    {
        var seen = new Dictionary<string, Message>(StringComparer.Ordinal);
        try
        {
            while (seen.Count < PeekLimit)
            {
                var batch = await ReceiveAsync(settings, customerCode, TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
                var fresh = batch.Where(m => seen.TryAdd(m.MessageId, m)).Count();
                if (fresh == 0) break;
            }
        }
        finally
        {
            foreach (var message in seen.Values)
                await AwsCalls.RunAsync(settings, customerCode, t => Client.ChangeMessageVisibilityAsync(
                    new ChangeMessageVisibilityRequest { QueueUrl = Url, ReceiptHandle = message.ReceiptHandle, VisibilityTimeout = 0 }, t), CancellationToken.None).ConfigureAwait(false);
        }
        return [.. seen.Values.Select(m => Letter(customerCode, m)).OrderBy(l => l.At)];
    }

    private DeadLetter Letter(string customerCode, Message m) =>
        new(customerCode, m.MessageId, m.Body ?? "", $"moved to the dead-letter queue {Name} after {MaxReceives} receives (maxReceiveCount)", SentAt(m));

    /// <summary>Each message is sent to the queue and only then deleted here: nothing is lost if this stops half-way.</summary>
    public async Task<IReadOnlyList<DeadLetter>> MoveToAsync(AwsSettings settings, string customerCode, string queueUrl, CancellationToken ct)
    {
        var moved = new List<DeadLetter>();
        while (await ReceiveAsync(settings, customerCode, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await AwsCalls.RunAsync(settings, customerCode, t => Client.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = message.Body }, t), ct).ConfigureAwait(false);
                await AwsCalls.RunAsync(settings, customerCode, t => Client.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = Url, ReceiptHandle = message.ReceiptHandle }, t), ct).ConfigureAwait(false);
                moved.Add(Letter(customerCode, message));
            }
        }
        return moved;
    }

    private async Task<List<Message>> ReceiveAsync(AwsSettings settings, string customerCode, TimeSpan visibility, CancellationToken ct)
    {
        var response = await AwsCalls.RunAsync(settings, customerCode, t => Client.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = Url,
            MaxNumberOfMessages = SqsChangeQueue.MaxMessagesPerReceive,
            WaitTimeSeconds = ReceiveWaitSeconds,
            VisibilityTimeout = (int)visibility.TotalSeconds,
            MessageSystemAttributeNames = [MessageSystemAttributeName.SentTimestamp],
        }, t), ct).ConfigureAwait(false);
        return response.Messages ?? [];
    }

    private static DateTimeOffset SentAt(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue(MessageSystemAttributeName.SentTimestamp, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UnixEpoch;
}
