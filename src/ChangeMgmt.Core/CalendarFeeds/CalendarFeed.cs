using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>
/// An issued calendar feed as kept at <c>calendar-feeds/{tokenId}.json</c>: never the token itself. Revoking one
/// marks it (kept for audit); a revoked feed's token is refused.
/// </summary>
public sealed record CalendarFeed(
    [property: JsonPropertyName("tokenId")] string TokenId,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("issuedAt")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("issuedBy")] string IssuedBy,
    [property: JsonPropertyName("revokedAt")] DateTimeOffset? RevokedAt = null,
    [property: JsonPropertyName("revokedBy")] string? RevokedBy = null)
{
    [JsonIgnore] public bool IsRevoked => RevokedAt is not null;

    /// <summary>The customer the feed shows; null for the MSP-wide feed.</summary>
    [JsonPropertyName("customer")] public string? Customer => FeedScope.Parse(Scope)?.Customer;
}

/// <summary>A feed just issued: its record, and the token and URL, which are shown this once and never again.</summary>
public sealed record IssuedCalendarFeed(CalendarFeed Feed, string Token, string Url)
{
    public string TokenId => Feed.TokenId;

    /// <summary>The customer the feed shows; null for the MSP-wide feed.</summary>
    public string? Customer => Feed.Customer;
}

public sealed class CalendarFeedNotFoundException(string tokenId)
    : Exception($"Calendar feed {tokenId} does not exist.")
{
    public string TokenId { get; } = tokenId;
}
