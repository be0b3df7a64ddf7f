using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Tokens;
using ChangeMgmt.Local;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that issue, list and revoke calendar feeds. Their tokens are signed with the server's key: locally the
/// key file in the data directory, on AWS the key derived from the API's session secret (config.json <c>auth</c>).
/// </summary>
public abstract class CalendarFeedCmdletBase : BackendCmdletBase
{
    private const string Noun = "CalendarFeed";
    private CalendarFeedService? _feeds;

    private protected CalendarFeedService Feeds => _feeds ?? throw new InvalidOperationException("BeginProcessing opens the feeds.");

    /// <summary>The key is found on the pipeline thread, before any work: without one, the command terminates.</summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _feeds = new(Backend.Objects, Config.Config, Key(), TimeProvider.System);
    }

    private TokenKeys Key()
    {
        if (ResolvedDataDirectory is { } local) return LocalTokenSecret.Open(local);
        try
        {
            return TokenKeys.FromSessionSecret(Config.Config.Auth, Environment.GetEnvironmentVariable);
        }
        catch (InvalidOperationException ex)
        {
            ThrowTerminatingError(new(ex, "CalendarFeedKeyUnavailable", System.Management.Automation.ErrorCategory.InvalidOperation, null));
            throw; // unreachable
        }
    }

    /// <summary>A feed that failed (not found, unknown customer): an error for that one, the others go on.</summary>
    private protected void WriteFeedError(Exception ex, object target) => WriteError(Errors.For(ex, Noun, target));

    private protected static string Describe(CalendarFeed feed) => $"calendar feed {feed.TokenId} ({feed.Customer ?? "all customers"})";
}
