using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChangeMgmt.Core.Tokens;

/// <summary>
/// A signed token: <c>base64url(payload JSON).base64url(HMAC-SHA256(key, first part))</c>, URL-safe as it is.
/// Reading one checks the signature in constant time before the payload is parsed.
/// </summary>
public static class SignedToken
{
    /// <summary>Far longer than any token issued; a longer one is refused unread.</summary>
    public const int MaxLength = 1024;

    /// <summary>Signs the payload as <paramref name="type"/> writes it (a generated context with the serializer's default settings).</summary>
    public static string Sign<T>(T payload, JsonTypeInfo<T> type, ReadOnlySpan<byte> key)
    {
        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, type));
        return $"{body}.{Base64Url.EncodeToString(Mac(body, key))}";
    }

    /// <summary>The payload of a token signed with <paramref name="key"/>; null for anything else.</summary>
    public static T? Read<T>(string? token, JsonTypeInfo<T> type, ReadOnlySpan<byte> key) where T : class
    {
        if (token is not { Length: > 0 and <= MaxLength } || token.Split('.') is not [var body, var signature]) return null;
        var given = new byte[Base64Url.GetMaxDecodedLength(signature.Length)];
        if (Base64Url.DecodeFromChars(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done
            || !CryptographicOperations.FixedTimeEquals(given.AsSpan(0, written), Mac(body, key)))
            return null;
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(body), type);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static byte[] Mac(string body, ReadOnlySpan<byte> key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));
}
