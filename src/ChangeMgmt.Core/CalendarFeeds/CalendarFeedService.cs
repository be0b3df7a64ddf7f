using System.Security.Cryptography;
using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Tokens;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>
/// Issues, lists, revokes and verifies calendar feed tokens. Each issued feed has one record
/// (<see cref="StorageLayout.CalendarFeed"/>): verifying a token is its signature and one GET of that record.
/// </summary>
public sealed class CalendarFeedService(IObjectStore store, ChangeMgmtConfig config, TokenKeys keys, TimeProvider time)
{
    private readonly byte[] key = keys.For(TokenUse.CalendarFeed).ToArray();
    private const string IdPrefix = "cf-";
    private const int IdBytes = 12;

    /// <summary>A new feed for <paramref name="scope"/>; a customer not in customer_mappings is refused.</summary>
    public async Task<IssuedCalendarFeed> IssueAsync(FeedScope scope, string user, CancellationToken ct)
    {
        if (scope.Customer is { } code && config.FindCustomer(code) is null) throw new UnknownCustomerException(code, config.CustomerMappings.Keys);
        var feed = new CalendarFeed(IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes)), scope.Text,
            DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds()), user);
        await store.PutAsync(StorageLayout.CalendarFeed(feed.TokenId), Serialize(feed), WriteCondition.MustNotExist, ct);
        var token = FeedToken.Sign(new(feed.TokenId, feed.Scope, feed.IssuedAt.ToUnixTimeSeconds(), user), key);
        return new(feed, token, PortalLinks.CalendarFeed(config.EmailConfig ?? new(), scope.FileName, token));
    }

    /// <summary>Every issued feed, revoked ones too, newest first.</summary>
    public async Task<IReadOnlyList<CalendarFeed>> ListAsync(CancellationToken ct)
    {
        var keys = await store.ListAllKeysAsync(StorageLayout.CalendarFeedsPrefix, ct).ToListAsync(ct);
        var records = await Task.WhenAll(keys.Select(k => store.GetAsync(k, ct)));
        return [.. records.OfType<StoredObject>().Select(o => Deserialize(o.Content)).OfType<CalendarFeed>().OrderByDescending(f => f.IssuedAt)];
    }

    public async Task<CalendarFeed> GetAsync(string tokenId, CancellationToken ct) =>
        await FindAsync(tokenId, ct) ?? throw new CalendarFeedNotFoundException(tokenId);

    /// <summary>Marks the feed revoked (its record stays); revoking a revoked feed changes nothing.</summary>
    public async Task<CalendarFeed> RevokeAsync(string tokenId, string user, CancellationToken ct)
    {
        if (!IsTokenId(tokenId) || await store.GetAsync(StorageLayout.CalendarFeed(tokenId), ct) is not { } stored
            || Deserialize(stored.Content) is not { } feed)
            throw new CalendarFeedNotFoundException(tokenId);
        if (feed.IsRevoked) return feed;
        var revoked = feed with { RevokedAt = time.GetUtcNow(), RevokedBy = user };
        await store.PutAsync(stored.Key, Serialize(revoked), WriteCondition.MustMatch(stored.ETag), ct);
        return revoked;
    }

    /// <summary>
    /// The feed <paramref name="token"/> opens, when it is signed with the key, issued for exactly
    /// <paramref name="scope"/> (a customer's token never opens another's feed, nor the MSP-wide one) and not revoked; else null.
    /// </summary>
    public async Task<CalendarFeed?> VerifyAsync(string? token, FeedScope scope, CancellationToken ct)
    {
        if (FeedToken.Read(token, key) is not { } payload || payload.Scope != scope.Text) return null;
        var feed = await FindAsync(payload.TokenId, ct);
        return feed is { IsRevoked: false } && feed.Scope == payload.Scope ? feed : null;
    }

    private async Task<CalendarFeed?> FindAsync(string tokenId, CancellationToken ct) =>
        IsTokenId(tokenId) && await store.GetAsync(StorageLayout.CalendarFeed(tokenId), ct) is { } stored ? Deserialize(stored.Content) : null;

    /// <summary>Only ids this service makes name a key: anything else never reaches the store.</summary>
    public static bool IsTokenId(string? tokenId) =>
        tokenId is { Length: 3 + 2 * IdBytes } && tokenId.StartsWith(IdPrefix, StringComparison.Ordinal)
        && tokenId.AsSpan(IdPrefix.Length).ContainsAnyExcept("0123456789abcdef") is false;

    private static byte[] Serialize(CalendarFeed feed) => JsonSerializer.SerializeToUtf8Bytes(feed, CalendarFeedJsonContext.Default.CalendarFeed);

    private static CalendarFeed? Deserialize(byte[] content)
    {
        try { return JsonSerializer.Deserialize(content, CalendarFeedJsonContext.Default.CalendarFeed); }
        catch (JsonException) { return null; }
    }
}
