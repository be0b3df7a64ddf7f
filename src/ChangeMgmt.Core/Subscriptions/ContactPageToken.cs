using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>
/// Where a contact page stopped: SES's token for the SES page it stopped in, how many of that page's contacts were
/// already looked at, and the SES page size they were read with (so the count means the same contacts next time).
/// </summary>
public sealed record ContactPageToken(string? Ses, int Skip, int Fetch)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, SubscriptionJsonContext.Default.ContactPageToken));

    /// <summary>The first page for null; null when the token is not one of ours.</summary>
    public static ContactPageToken? Decode(string? token, int fetch)
    {
        if (string.IsNullOrEmpty(token)) return new(null, 0, fetch);
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), SubscriptionJsonContext.Default.ContactPageToken) is { Skip: >= 0, Fetch: > 0 } read ? read : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
