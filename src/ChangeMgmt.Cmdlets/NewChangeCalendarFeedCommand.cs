using System.Management.Automation;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Issues a subscribable calendar feed for a customer (or with -All, every customer's changes): its URL, with the
/// token in it, is output this once and never shown again.
/// </summary>
[Cmdlet(VerbsCommon.New, "ChangeCalendarFeed", SupportsShouldProcess = true, DefaultParameterSetName = ForCustomer)]
[OutputType(typeof(IssuedCalendarFeed))]
public sealed class NewChangeCalendarFeedCommand : CalendarFeedCmdletBase
{
    private const string ForCustomer = "Customer";
    private const string ForAll = "All";

    /// <summary>The customers (codes) to issue a feed for, one feed each.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ForCustomer, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerCode")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    public string[] Customer { get; set; } = [];

    /// <summary>The MSP-wide feed: every customer's changes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ForAll)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var scopes = All ? [FeedScope.All] : Customer.Select(FeedScope.ForCustomer);
        foreach (var scope in scopes)
        {
            if (!ShouldProcess(scope.Customer is { } code ? $"{code}: calendar feed" : "all customers: calendar feed", "Issue")) continue;
            try
            {
                WriteObject(Await(ct => Feeds.IssueAsync(scope, SessionUser, ct)));
            }
            catch (UnknownCustomerException ex)
            {
                WriteFeedError(ex, scope.Customer!);
            }
        }
    }
}
