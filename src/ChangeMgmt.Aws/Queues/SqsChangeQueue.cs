using ChangeMgmt.Core.Delivery;
using System.Collections.Concurrent;
using Amazon.SQS;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Queues;

/// <summary>
/// Each customer's standard queue, named by its <c>sqs_queue_arn</c> (in the MSP account, called with
/// the caller's own credentials). Long polls of up to 20 s and 10 messages; a released message comes
/// back after <see cref="RetryDelay"/>, which doubles with each receive.
/// </summary>
public sealed class SqsChangeQueue : IChangeQueue, IDisposable
{
    public const int MaxMessagesPerReceive = 10;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private readonly AwsSettings _settings;
    private readonly ChangeMgmtConfig _config;
    private readonly Func<string, IAmazonSQS> _createClient;
    private readonly ConcurrentDictionary<string, IAmazonSQS> _clientsByRegion = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueAddress> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqsDeadLetterQueue?> _deadLetterQueues = new(StringComparer.Ordinal);

    public SqsChangeQueue(AwsSettings settings, ChangeMgmtConfig config)
        : this(settings, config, region => CreateClient(settings, region))
    {
    }

    internal SqsChangeQueue(AwsSettings settings, ChangeMgmtConfig config, Func<string, IAmazonSQS> createClient)
    {
        _settings = settings;
        _config = config;
        _createClient = createClient;
    }

    /// <summary>How long a message released after its n-th receive stays hidden: 1 s, 2 s, 4 s, … up to 5 minutes.</summary>
    public Func<int, TimeSpan> RetryDelay { get; init; } = RedeliveryDelay.After;


    public static AmazonSQSClient CreateClient(AwsSettings settings, string region) =>
        new(settings.Credentials, AwsClientConfigs.For(new AmazonSQSConfig(), settings, AwsService.Sqs, region));

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string customerCode, int maxMessages, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var queue = await QueueAsync(customerCode, ct).ConfigureAwait(false);
        var response = await AwsCalls.RunAsync(_settings, customerCode, t => queue.Client.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queue.Url,
            MaxNumberOfMessages = Math.Min(maxMessages, MaxMessagesPerReceive),
            WaitTimeSeconds = (int)Math.Ceiling(Math.Clamp(wait.TotalSeconds, 0, MaxWait.TotalSeconds)),
            VisibilityTimeout = Seconds(visibilityTimeout),
            MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
        }, t), ct).ConfigureAwait(false);
        return [.. (response.Messages ?? []).Select(m => new QueuedMessage(customerCode, m.MessageId, m.ReceiptHandle, m.Body ?? "", ReceiveCount(m)))];
    }

    /// <summary>How long a preview holds the messages it reads before giving them back (SQS has no read without a receive).</summary>
    public static readonly TimeSpan PreviewHold = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQS cannot read a message without receiving it, and every receive counts towards the redrive policy's
    /// maxReceiveCount. So a preview receives what is visible (hidden from workers for at most <see cref="PreviewHold"/>),
    /// then gives every message back at once; a message whose count reached the limit, which the next receive would move
    /// to the dead-letter queue, goes back as a new message (count 0, as <see cref="DeferAsync"/> does): a preview never
    /// dead-letters a message. Short polling may miss a message now and then; the next preview sees it.
    /// </summary>
    public async Task<IReadOnlyList<QueuedMessage>> PeekAsync(string customerCode, int maxMessages, CancellationToken ct)
    {
        var held = new List<QueuedMessage>();
        try
        {
            while (held.Count < maxMessages && await ReceiveAsync(customerCode, maxMessages - held.Count, PreviewHold, TimeSpan.Zero, ct).ConfigureAwait(false) is { Count: > 0 } batch)
                held.AddRange(batch);
        }
        finally
        {
            await GiveBackAsync(customerCode, held).ConfigureAwait(false);
        }
        return held;
    }

    private async Task GiveBackAsync(string customerCode, List<QueuedMessage> held)
    {
        if (held.Count == 0) return;
        var limit = await MaxReceivesAsync(customerCode, CancellationToken.None).ConfigureAwait(false);
        foreach (var message in held)
        {
            if (limit is { } max && message.ReceiveCount >= max) await DeferAsync(message, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            else await ChangeVisibilityAsync(message, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>As in the local queue, a stale receipt handle (the message was received again, or is gone) deletes nothing and is not an error.</summary>
    public async Task DeleteAsync(QueuedMessage message, CancellationToken ct)
    {
        var queue = await QueueAsync(message.CustomerCode, ct).ConfigureAwait(false);
        try
        {
            await AwsCalls.RunAsync(_settings, message.CustomerCode,
                t => queue.Client.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queue.Url, ReceiptHandle = message.ReceiptHandle }, t), ct).ConfigureAwait(false);
        }
        catch (ServiceException ex) when (IsStaleReceipt(ex))
        {
        }
    }

    /// <summary>Hides the message for <see cref="RetryDelay"/> of its receive count; the caller logs the reason.</summary>
    public Task ReleaseAsync(QueuedMessage message, string reason, CancellationToken ct) =>
        ChangeVisibilityAsync(message, RetryDelay(message.ReceiveCount), ct);

    public Task ExtendVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken ct) =>
        ChangeVisibilityAsync(message, visibilityTimeout, ct);

    /// <summary>
    /// SQS counts every receive, so the message is sent again as a new one (DelaySeconds, at most 15 minutes)
    /// and this one deleted: the copy starts at receive 0.
    /// </summary>
    public async Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken ct)
    {
        var queue = await QueueAsync(message.CustomerCode, ct).ConfigureAwait(false);
        await AwsCalls.RunAsync(_settings, message.CustomerCode, t => queue.Client.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queue.Url,
            MessageBody = message.Body,
            DelaySeconds = (int)Math.Ceiling(Math.Clamp(delay.TotalSeconds, 0, MaxDelay.TotalSeconds)),
        }, t), ct).ConfigureAwait(false);
        await DeleteAsync(message, ct).ConfigureAwait(false);
    }

    public async Task<string> SendAsync(string customerCode, string body, CancellationToken ct)
    {
        var queue = await QueueAsync(customerCode, ct).ConfigureAwait(false);
        var response = await AwsCalls.RunAsync(_settings, customerCode,
            t => queue.Client.SendMessageAsync(new SendMessageRequest { QueueUrl = queue.Url, MessageBody = body }, t), ct).ConfigureAwait(false);
        return response.MessageId;
    }

    public async Task<int?> MaxReceivesAsync(string customerCode, CancellationToken ct) =>
        (await DeadLetterQueueAsync(customerCode, ct).ConfigureAwait(false))?.MaxReceives;

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLetteredAsync(string customerCode, CancellationToken ct) =>
        await DeadLetterQueueAsync(customerCode, ct).ConfigureAwait(false) is { } dlq
            ? await dlq.PeekAsync(_settings, customerCode, ct).ConfigureAwait(false)
            : [];

    public async Task<IReadOnlyList<DeadLetter>> RedriveAsync(string customerCode, CancellationToken ct)
    {
        if (await DeadLetterQueueAsync(customerCode, ct).ConfigureAwait(false) is not { } dlq) return [];
        var queue = await QueueAsync(customerCode, ct).ConfigureAwait(false);
        return await dlq.MoveToAsync(_settings, customerCode, queue.Url, ct).ConfigureAwait(false);
    }

    /// <summary>The queue's dead-letter queue, as its RedrivePolicy names it (GetQueueAttributes); null without one.</summary>
    private async Task<SqsDeadLetterQueue?> DeadLetterQueueAsync(string customerCode, CancellationToken ct)
    {
        if (_deadLetterQueues.TryGetValue(customerCode, out var known)) return known;
        var queue = await QueueAsync(customerCode, ct).ConfigureAwait(false);
        var dlq = await SqsDeadLetterQueue.FindAsync(_settings, customerCode, queue.Client, queue.Url, ct).ConfigureAwait(false);
        return _deadLetterQueues.GetOrAdd(customerCode, dlq);
    }

    /// <summary>The customer's queue URL (GetQueueUrl with the ARN's name and account, remembered).</summary>
    public async Task<string> QueueUrlAsync(string customerCode, CancellationToken ct) => (await QueueAsync(customerCode, ct).ConfigureAwait(false)).Url;

    /// <summary>A message no longer in flight under this receipt (deleted, or visible again) is left as it is, as the local queue does.</summary>
    private async Task ChangeVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken ct)
    {
        var queue = await QueueAsync(message.CustomerCode, ct).ConfigureAwait(false);
        try
        {
            await AwsCalls.RunAsync(_settings, message.CustomerCode, t => queue.Client.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = queue.Url,
                ReceiptHandle = message.ReceiptHandle,
                VisibilityTimeout = Seconds(visibilityTimeout),
            }, t), ct).ConfigureAwait(false);
        }
        catch (ServiceException ex) when (IsStaleReceipt(ex))
        {
        }
    }

    /// <summary>SQS's answers for a receipt handle that no longer names an in-flight message.</summary>
    internal static bool IsStaleReceipt(ServiceException ex)
    {
        var code = ex.ErrorCode ?? "";
        if (code.StartsWith("AWS.SimpleQueueService.", StringComparison.Ordinal)) code = code["AWS.SimpleQueueService.".Length..];
        return code is "ReceiptHandleIsInvalid" or "MessageNotInflight"
            || (code == "InvalidParameterValue" && ex.Message.Contains("ReceiptHandle", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<QueueAddress> QueueAsync(string customerCode, CancellationToken ct)
    {
        if (_queues.TryGetValue(customerCode, out var known)) return known;
        var arn = QueueArn(customerCode);
        var client = _clientsByRegion.GetOrAdd(arn.Region, _createClient);
        var response = await AwsCalls.RunAsync(_settings, customerCode, t => client.GetQueueUrlAsync(new GetQueueUrlRequest
        {
            QueueName = arn.QueueName,
            QueueOwnerAWSAccountId = arn.AccountId,
        }, t), ct).ConfigureAwait(false);
        var url = response.QueueUrl
            ?? throw new ServiceException(ServiceErrorKind.NotFound, $"{customerCode}: GetQueueUrl for {arn} returned no URL.", customerCode);
        return _queues.GetOrAdd(customerCode, new QueueAddress(client, url));
    }

    private SqsQueueArn QueueArn(string customerCode)
    {
        var customer = _config.FindCustomer(customerCode) ?? throw new UnknownCustomerException(customerCode, _config.CustomerMappings.Keys);
        var path = $"customer_mappings.{customerCode}.sqs_queue_arn";
        if (string.IsNullOrWhiteSpace(customer.SqsQueueArn))
            throw Problem(path, $"Customer '{customerCode}' has no sqs_queue_arn, so it has no queue to receive changes from.");
        return SqsQueueArn.TryParse(customer.SqsQueueArn, out var arn)
            ? arn
            : throw Problem(path, $"Customer '{customerCode}': sqs_queue_arn '{customer.SqsQueueArn}' is not an SQS queue ARN.");
    }

    private static ConfigException Problem(string path, string message) =>
        new([new ConfigProblem("config.json", path, message, "Set it to the customer's queue ARN, arn:aws:sqs:REGION:ACCOUNT:NAME.")]);

    private static int ReceiveCount(Message message) =>
        message.Attributes is { } attributes
        && attributes.TryGetValue(MessageSystemAttributeName.ApproximateReceiveCount, out var text)
        && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;

    private static int Seconds(TimeSpan span) => (int)Math.Ceiling(Math.Clamp(span.TotalSeconds, 0, MaxVisibilityTimeout.TotalSeconds));

    public void Dispose()
    {
        foreach (var client in _clientsByRegion.Values) client.Dispose();
        _clientsByRegion.Clear();
    }

    private sealed record QueueAddress(IAmazonSQS Client, string Url);
}
