using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MimeKit;

namespace ChangeMgmt.Local;

/// <summary>
/// SendEmail for one account: checks the request, then in one write takes a token from the
/// account's send rate (throttled as SES is when there is none) and keeps the message in
/// sent_messages; when an outbox directory is set, also as an .eml file. A message sent with a configuration set
/// has its SES events (<see cref="SesMailboxSimulator"/>) put on <paramref name="events"/>' feedback queue in that
/// same write, so no event exists for a message not stored and no stored message lacks its events.
/// </summary>
internal sealed partial class SesMailer(LocalDatabase database, string customerCode, SesContactLists lists, SendRateBucket rate, string? outboxDirectory, TimeProvider time,
    LocalChangeQueue? events = null)
{
    private readonly SesMimeTemplates _mime = new(customerCode);
    private readonly ConcurrentDictionary<string, bool> _validSenders = new(StringComparer.Ordinal);

    public async Task<string> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var recipient = Validate(email);
        var sentAt = time.GetUtcNow();
        var messageId = Guid.CreateVersion7(sentAt).ToString();
        var mime = _mime.Build(messageId, email, ToHeader(email.To), sentAt);
        if (await StoreAsync(messageId, email, recipient, mime, ct).ConfigureAwait(false))
            events!.Notify(FeedbackQueue.Name);
        if (outboxDirectory is not null)
            await WriteEmlAsync(messageId, sentAt, mime).ConfigureAwait(false);
        return messageId;
    }

    /// <summary>Messages this account sent in the 24 hours before now.</summary>
    public int SentLast24Hours()
    {
        using var connection = database.OpenConnection();
        return Convert.ToInt32(connection.Scalar(
            "SELECT COUNT(*) FROM sent_messages WHERE customer_code = $customer AND sent_at > $since",
            null, ("$customer", customerCode), ("$since", UnixTime.ToMs(time.GetUtcNow().AddDays(-1)))));
    }

    private string Validate(OutgoingEmail email)
    {
        if (!_validSenders.GetOrAdd(email.From, from => InternetAddress.TryParse(from, out _)))
            throw SesErrors.BadRequest(customerCode, $"'{email.From}' is not a valid sender address.");
        var recipient = RecipientAddress(email.To)
            ?? throw SesErrors.BadRequest(customerCode, $"'{email.To}' is not a valid recipient address.");
        if (email.ListManagement is { } management)
            CheckListManagement(management);
        return recipient.ToLowerInvariant();
    }

    private static string ToHeader(string to) =>
        PlainAddress().IsMatch(to) ? to : InternetAddress.Parse(to).ToString(FormatOptions.Default, encode: true);

    private static string? RecipientAddress(string to) =>
        PlainAddress().IsMatch(to) ? to : MailboxAddress.TryParse(to, out var parsed) ? parsed.Address : null;

    private void CheckListManagement(ListManagementOptions management)
    {
        var list = lists.FindForSend(management.ContactListName) ?? throw lists.NotFound(management.ContactListName);
        if (!list.Topics.Any(t => t.TopicName == management.TopicName))
            throw SesErrors.NotFound(customerCode, $"topic '{management.TopicName}' in contact list '{list.ContactListName}'");
    }

    /// <summary>Stores the message; true when it also queued its events.</summary>
    private Task<bool> StoreAsync(string messageId, OutgoingEmail email, string recipient, byte[] mime, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            // Stored as sent when the token was taken, which may be later than the MIME's Date when the write waited.
            var acceptedAt = time.NowMs();
            if (!rate.TryTake(connection, transaction, acceptedAt))
                throw SesErrors.Throttled(customerCode);
            connection.Execute(
                """
                INSERT INTO sent_messages (message_id, customer_code, from_address, to_address, recipient_key, subject, topic, contact_list, tags, sent_at, mime)
                VALUES ($id, $customer, $from, $to, $recipient, $subject, $topic, $list, $tags, $sentAt, $mime)
                """,
                transaction, ("$id", messageId), ("$customer", customerCode), ("$from", email.From), ("$to", email.To),
                ("$recipient", recipient), ("$subject", email.Subject), ("$topic", email.ListManagement?.TopicName),
                ("$list", email.ListManagement?.ContactListName), ("$tags", SesJson.WriteTags(email.Tags)),
                ("$sentAt", acceptedAt), ("$mime", mime));
            return PublishEvents(connection, transaction, new StoredMessage(customerCode, messageId, email.From, recipient, email.Tags, UnixTime.FromMs(acceptedAt)), email.ConfigurationSetName);
        }, ct);

    // As SES: events are published through the message's configuration set; a message sent without one has none.
    private bool PublishEvents(SqliteConnection connection, SqliteTransaction transaction, StoredMessage message, string? configurationSet)
    {
        if (events is null || configurationSet is null) return false;
        var suppressed = SesSuppressionList.Contains(connection, transaction, customerCode, message.Recipient);
        foreach (var e in SesMailboxSimulator.EventsFor(message.Recipient, suppressed, message.SentAt))
            events.Enqueue(connection, transaction, FeedbackQueue.Name, SesEventEnvelope.Build(e, message, configurationSet));
        return true;
    }

    // Not cancellable: the message is already stored, and the file must match.
    private async Task WriteEmlAsync(string messageId, DateTimeOffset sentAt, byte[] mime)
    {
        var directory = Path.Combine(outboxDirectory!, customerCode);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, $"{sentAt.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{messageId}.eml"), mime, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A bare ASCII address, the common case, checked without a full RFC 5322 parse.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex PlainAddress();
}
