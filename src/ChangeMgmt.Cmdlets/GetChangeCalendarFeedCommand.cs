using System.Management.Automation;
using ChangeMgmt.Core.CalendarFeeds;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets the issued calendar feeds (never their tokens): all, by token id, or those of some customers; revoked ones with -IncludeRevoked.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeCalendarFeed")]
[OutputType(typeof(CalendarFeed))]
public sealed class GetChangeCalendarFeedCommand : CalendarFeedCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? TokenId { get; set; }

    /// <summary>Feeds of these customers (codes, wildcards); <c>all</c> matches the MSP-wide feed.</summary>
    [Parameter]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    public string[]? Customer { get; set; }

    /// <summary>Revoked feeds too (they are kept for audit).</summary>
    [Parameter]
    public SwitchParameter IncludeRevoked { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = Customer?.Select(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase)).ToList();
        var feeds = Await(ct => Feeds.ListAsync(ct))
            .Where(f => IncludeRevoked || !f.IsRevoked || TokenId is not null)
            .Where(f => TokenId is null || TokenId.Contains(f.TokenId, StringComparer.Ordinal))
            .Where(f => patterns is null || patterns.Any(p => p.IsMatch(f.Customer ?? FeedScope.AllText)))
            .ToList();
        foreach (var missing in (TokenId ?? []).Where(id => feeds.All(f => f.TokenId != id)))
            WriteFeedError(new CalendarFeedNotFoundException(missing), missing);
        WriteObject(feeds, enumerateCollection: true);
    }
}
