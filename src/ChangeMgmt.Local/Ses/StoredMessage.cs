namespace ChangeMgmt.Local;

/// <summary>A message the local SES account accepted, as its events describe it.</summary>
internal sealed record StoredMessage(string CustomerCode, string MessageId, string From, string Recipient, IReadOnlyDictionary<string, string> Tags, DateTimeOffset SentAt);
