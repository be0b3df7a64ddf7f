using ChangeMgmt.Core.Ports;
using MimeKit;

namespace ChangeMgmt.Local;

/// <summary>
/// The MIME message SES would deliver for a SendEmail call: text and HTML alternatives,
/// attachments, and, with list management, a List-Unsubscribe header and the SES
/// unsubscribe placeholder replaced in the bodies.
/// </summary>
internal static class SesMimeBuilder
{
    public const string UnsubscribePlaceholder = "{{amazonSESUnsubscribeUrl}}";

    /// <summary>The local stand-in for SES's unsubscribe link of a topic.</summary>
    public static string UnsubscribeUrl(string customerCode, string topicName) =>
        $"mailto:unsubscribe@{customerCode.ToLowerInvariant()}.local.invalid?subject={Uri.EscapeDataString(topicName)}";

    public static MimeMessage Build(string customerCode, string messageId, OutgoingEmail email, DateTimeOffset sentAt)
    {
        var unsubscribeUrl = email.ListManagement is { } list ? UnsubscribeUrl(customerCode, list.TopicName) : null;
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = sentAt,
            MessageId = $"{messageId}@{customerCode.ToLowerInvariant()}.local.invalid",
            Body = Body(email, unsubscribeUrl),
        };
        message.From.Add(InternetAddress.Parse(email.From));
        message.To.Add(InternetAddress.Parse(email.To));
        AddSesHeaders(message, email, unsubscribeUrl);
        return message;
    }

    public static byte[] ToBytes(MimeMessage message)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    private static void AddSesHeaders(MimeMessage message, OutgoingEmail email, string? unsubscribeUrl)
    {
        if (email.ListManagement is { } list)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
            message.Headers.Add("X-SES-LIST-MANAGEMENT-OPTIONS", $"{list.ContactListName}; topic={list.TopicName}");
        }
        if (email.ConfigurationSetName is { } configurationSet)
            message.Headers.Add("X-SES-CONFIGURATION-SET", configurationSet);
        if (email.Tags.Count > 0)
            message.Headers.Add("X-SES-MESSAGE-TAGS", string.Join(", ", email.Tags.Select(t => $"{t.Key}={t.Value}")));
    }

    private static MimeEntity Body(OutgoingEmail email, string? unsubscribeUrl)
    {
        var text = new TextPart("plain");
        text.SetText("utf-8", Substitute(email.TextBody, unsubscribeUrl));
        var html = new TextPart("html");
        html.SetText("utf-8", Substitute(email.HtmlBody, unsubscribeUrl));
        var alternative = new MultipartAlternative { text, html };
        if (email.Attachments.Count == 0)
            return alternative;
        var mixed = new Multipart("mixed") { alternative };
        foreach (var attachment in email.Attachments)
            mixed.Add(Attachment(attachment));
        return mixed;
    }

    private static MimePart Attachment(EmailAttachment attachment)
    {
        var contentType = ContentType.Parse(attachment.ContentType);
        if (attachment.Method is { } method && !contentType.Parameters.Contains("method"))
            contentType.Parameters.Add("method", method);
        return new MimePart(contentType)
        {
            Content = new MimeContent(new MemoryStream(attachment.Content)),
            // The file name goes in Content-Disposition only, so Content-Type stays as given.
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = attachment.FileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
    }

    private static string Substitute(string body, string? unsubscribeUrl) =>
        unsubscribeUrl is null ? body : body.Replace(UnsubscribePlaceholder, unsubscribeUrl, StringComparison.Ordinal);
}
