using System.Management.Automation;
using ChangeMgmt.Core.CalendarFeeds;

namespace ChangeMgmt.Cmdlets;

/// <summary>Revokes calendar feeds: their URLs stop working at once; each record is kept, marked revoked, for audit.</summary>
[Cmdlet(VerbsSecurity.Revoke, "ChangeCalendarFeed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CalendarFeed))]
public sealed class RevokeChangeCalendarFeedCommand : CalendarFeedCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] TokenId { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var id in TokenId)
        {
            try
            {
                var feed = Await(ct => Feeds.GetAsync(id, ct));
                if (ShouldProcess(Describe(feed), "Revoke")) WriteObject(Await(ct => Feeds.RevokeAsync(id, SessionUser, ct)));
            }
            catch (CalendarFeedNotFoundException ex)
            {
                WriteFeedError(ex, id);
            }
        }
    }
}
