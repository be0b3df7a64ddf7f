using System.Management.Automation;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets announcements: by id (the whole announcement, or one of its versions), or a search answered from the announcement index.</summary>
[Cmdlet(VerbsCommon.Get, "Announcement", DefaultParameterSetName = Search)]
[OutputType(typeof(AnnouncementSummary), ParameterSetName = [Search])]
[OutputType(typeof(Announcement), ParameterSetName = [ById])]
public sealed class GetAnnouncementCommand : ReadCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AnnouncementIdCompleter))]
    public string[] AnnouncementId { get; set; } = [];

    /// <summary>Announcements of this type (any case).</summary>
    [Parameter(ParameterSetName = Search)]
    [Alias("AnnouncementType")]
    [ArgumentCompleter(typeof(AnnouncementTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    [Parameter(ParameterSetName = Search)]
    [ValidateSet("Draft", "Submitted", "Approved", "Cancelled")]
    public string? Status { get; set; }

    /// <summary>Announcements that include any of these customers (codes, wildcards).</summary>
    [Parameter(ParameterSetName = Search)]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>Text in the id, title or summary.</summary>
    [Parameter(ParameterSetName = Search)]
    [Alias("Search")]
    [ValidateNotNullOrEmpty]
    public string? Text { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ById)
        {
            foreach (var id in AnnouncementId) GetOne(id);
            return;
        }
        var customers = Customer is null ? null : SelectCustomers(Customer).Select(c => c.CustomerCode).ToHashSet(StringComparer.Ordinal);
        if (customers is { Count: 0 }) return;
        var query = new AnnouncementQuery(Status is null ? null : ParameterValues.AnnouncementStatus(Status), Type, null, Text, AnnouncementQuery.MaxPageSize, customers);
        WriteAllPages((token, ct) => Core.Announcements.ListAsync(query, token, ct));
    }

    private void GetOne(string id)
    {
        if (Version is { } v) WriteRead(Errors.AnnouncementNoun, id, ct => Core.Announcements.GetVersionAsync(id, v, ct));
        else WriteRead(Errors.AnnouncementNoun, id, async ct => (await Core.Announcements.GetAsync(id, ct)).Announcement);
    }
}
