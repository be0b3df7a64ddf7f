using ChangeMgmt.Core.CalendarFeeds;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// The calendar feed management routes' checks: admins only. A customer-scoped admin issues, sees and revokes only
/// their customers' feeds (another's is "not found"); the MSP-wide feed is an admin's for all customers.
/// </summary>
public sealed partial class Access
{
    public void ManageFeed(FeedScope scope, string what)
    {
        Note("", scope.Customer is { } code ? [code] : []);
        Require(Role.Admin, what);
        if (scope.IsAll && Caller.Customers is not null)
            throw Denied(null, $"{what} for all customers needs an admin for all customers; name your customer.");
        if (scope.Customer is { } customer) RequireCovers([customer]);
    }

    public bool Sees(CalendarFeed feed) => FeedScope.Parse(feed.Scope) is { } scope && (scope.IsAll ? Caller.Customers is null : Caller.InScope(scope.Customer!));

    /// <summary>A feed the caller may manage; one of another customer's is "not found", as if it did not exist.</summary>
    public async Task<CalendarFeed> FindAsync(CalendarFeedService feeds, string tokenId, string what, CancellationToken ct)
    {
        Require(Role.Admin, what);
        var feed = await feeds.GetAsync(tokenId, ct);
        if (!Sees(feed)) throw new CalendarFeedNotFoundException(tokenId);
        ManageFeed(FeedScope.Parse(feed.Scope)!, what);
        return feed;
    }
}
