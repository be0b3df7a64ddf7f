namespace ChangeMgmt.Local;

/// <summary>A message a local SES account sent (without its MIME).</summary>
public sealed record SentEmail(
    string MessageId,
    string CustomerCode,
    string From,
    string To,
    string Subject,
    string? Topic,
    string? ContactListName,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset SentAt);

/// <summary>A sent message with the full MIME, as in its .eml file.</summary>
public sealed record SentEmailContent(SentEmail Email, byte[] Mime);
