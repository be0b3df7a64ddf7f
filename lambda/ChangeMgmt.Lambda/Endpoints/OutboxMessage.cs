using ChangeMgmt.Local;
using MimeKit;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>A header of a sent message, its value decoded (RFC 2047 words) and unfolded.</summary>
public sealed record OutboxHeader(string Name, string Value);

/// <summary>An attachment of a sent message (the calendar invite): its file name and media type.</summary>
public sealed record OutboxAttachment(string? FileName, string ContentType);

/// <summary>
/// GET /api/outbox/{messageId}: one sent message read by MimeKit, so the portal shows it without parsing MIME:
/// the decoded addresses, subject and headers (List-Unsubscribe among them), the text and HTML bodies in
/// their charset and transfer encoding undone, and the attachments by name.
/// </summary>
public sealed record OutboxMessage(
    string MessageId,
    string CustomerCode,
    string? Topic,
    DateTimeOffset SentAt,
    string From,
    string To,
    string Subject,
    DateTimeOffset? Date,
    IReadOnlyList<OutboxHeader> Headers,
    string? Text,
    string? Html,
    IReadOnlyList<OutboxAttachment> Attachments)
{
    public static async Task<OutboxMessage> ReadAsync(SentEmailContent sent, CancellationToken ct)
    {
        using var stream = new MemoryStream(sent.Mime, writable: false);
        var mime = await MimeMessage.LoadAsync(stream, ct);
        var email = sent.Email;
        return new(
            email.MessageId, email.CustomerCode, email.Topic, email.SentAt,
            mime.From.ToString(), mime.To.ToString(), mime.Subject ?? "",
            mime.Headers.Contains(HeaderId.Date) ? mime.Date : null,
            [.. mime.Headers.Select(h => new OutboxHeader(h.Field, h.Value))],
            mime.TextBody, mime.HtmlBody,
            [.. mime.Attachments.Select(a => new OutboxAttachment(a.ContentDisposition?.FileName ?? a.ContentType.Name, a.ContentType.MimeType))]);
    }
}
