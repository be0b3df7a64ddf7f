using System.Text.Json.Serialization;
using ChangeMgmt.Core.Tokens;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>What a feed token says: which issued feed it is, its scope, when and by whom it was issued.</summary>
public sealed record FeedTokenPayload(
    [property: JsonPropertyName("id")] string TokenId,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("by")] string IssuedBy);

/// <summary>A feed token (a <see cref="SignedToken"/>); whether it is still issued is the record's to say.</summary>
public static class FeedToken
{
    public static string Sign(FeedTokenPayload payload, ReadOnlySpan<byte> key) => SignedToken.Sign(payload, CalendarFeedJsonContext.Default.FeedTokenPayload, key);

    /// <summary>The payload of a token signed with <paramref name="key"/>; null for anything else.</summary>
    public static FeedTokenPayload? Read(string? token, ReadOnlySpan<byte> key) => SignedToken.Read(token, CalendarFeedJsonContext.Default.FeedTokenPayload, key);
}
