using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>What a feed token says: which issued feed it is, its scope, when and by whom it was issued.</summary>
public sealed record FeedTokenPayload(
    [property: JsonPropertyName("id")] string TokenId,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("by")] string IssuedBy);

/// <summary>
/// A feed token: <c>base64url(payload JSON).base64url(HMAC-SHA256(key, first part))</c>. Reading one checks the
/// signature in constant time before the payload is parsed; whether it is still issued is the record's to say.
/// </summary>
public static class FeedToken
{
    /// <summary>Far longer than any token issued; a longer one is refused unread.</summary>
    public const int MaxLength = 1024;

    public static string Sign(FeedTokenPayload payload, ReadOnlySpan<byte> key)
    {
        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        return $"{body}.{Base64Url.EncodeToString(Mac(body, key))}";
    }

    /// <summary>The payload of a token signed with <paramref name="key"/>; null for anything else.</summary>
    public static FeedTokenPayload? Read(string? token, ReadOnlySpan<byte> key)
    {
        if (token is not { Length: > 0 and <= MaxLength } || token.Split('.') is not [var body, var signature]) return null;
        var given = new byte[Base64Url.GetMaxDecodedLength(signature.Length)];
        if (Base64Url.DecodeFromChars(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done
            || !CryptographicOperations.FixedTimeEquals(given.AsSpan(0, written), Mac(body, key)))
            return null;
        try
        {
            return JsonSerializer.Deserialize<FeedTokenPayload>(Base64Url.DecodeFromChars(body));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static byte[] Mac(string body, ReadOnlySpan<byte> key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));
}
