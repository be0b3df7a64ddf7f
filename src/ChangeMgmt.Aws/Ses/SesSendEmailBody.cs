using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ses;

// The SendEmail request body: one recipient, simple content (subject, text and HTML bodies,
// attachments), list management options, message tags and configuration set.

internal sealed record SesContent(string Data, string Charset = SesSendEmailBody.Charset);

internal sealed record SesBody(SesContent? Text, SesContent? Html);

/// <summary>An attachment of simple content; <see cref="RawContent"/> is serialized as Base64, as the REST API takes it.</summary>
internal sealed record SesAttachment(string FileName, byte[] RawContent, string ContentType, string ContentDisposition, string ContentTransferEncoding)
{
    public static SesAttachment From(EmailAttachment attachment) =>
        new(attachment.FileName, attachment.Content, ContentTypeOf(attachment), "ATTACHMENT", "BASE64");

    // A calendar invite says its iTIP method in the content type (text/calendar; method=REQUEST).
    private static string ContentTypeOf(EmailAttachment attachment) =>
        attachment.Method is { Length: > 0 } method && !attachment.ContentType.Contains("method=", StringComparison.OrdinalIgnoreCase)
            ? $"{attachment.ContentType}; method={method}"
            : attachment.ContentType;
}

internal sealed record SesSimpleMessage(SesContent Subject, SesBody Body, IReadOnlyList<SesAttachment>? Attachments);

internal sealed record SesEmailContent(SesSimpleMessage Simple);

internal sealed record SesDestination(IReadOnlyList<string> ToAddresses);

internal sealed record SesListManagementOptions(string ContactListName, string TopicName);

internal sealed record SesMessageTag(string Name, string Value);

internal sealed record SesSendEmailBody(
    string FromEmailAddress,
    SesDestination Destination,
    SesEmailContent Content,
    SesListManagementOptions? ListManagementOptions,
    IReadOnlyList<SesMessageTag>? EmailTags,
    string? ConfigurationSetName)
{
    public const string Charset = "UTF-8";

    public static SesSendEmailBody From(OutgoingEmail email) => new(
        email.From,
        new SesDestination([email.To]),
        new SesEmailContent(new SesSimpleMessage(
            new SesContent(email.Subject),
            new SesBody(new SesContent(email.TextBody), new SesContent(email.HtmlBody)),
            email.Attachments.Count == 0 ? null : [.. email.Attachments.Select(SesAttachment.From)])),
        email.ListManagement is { } list ? new SesListManagementOptions(list.ContactListName, list.TopicName) : null,
        email.Tags.Count == 0 ? null : [.. email.Tags.Select(t => new SesMessageTag(t.Key, t.Value))],
        string.IsNullOrEmpty(email.ConfigurationSetName) ? null : email.ConfigurationSetName);
}
