using System.Management.Automation;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Feedback;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets changes: by id (the whole change, or one of its versions), or a search answered from the change index.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeRequest", DefaultParameterSetName = Search)]
[OutputType(typeof(ChangeSummary), ParameterSetName = [Search])]
[OutputType(typeof(Change), ParameterSetName = [ById])]
public sealed class GetChangeRequestCommand : ReadCmdletBase
{
    /// <summary>
    /// The changes to get. Also bound (hidden) in the search set, so that a piped object that names a change and a
    /// customer (a delivery record) gets that change rather than searching for the customer's changes.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = Search, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string[] ChangeId { get; set; } = [];

    [Parameter(ParameterSetName = Search)]
    [ValidateSet("Draft", "Submitted", "Approved", "Completed", "Cancelled")]
    public string? Status { get; set; }

    /// <summary>Changes that include any of these customers (codes, wildcards; from the pipeline by CustomerCode).</summary>
    [Parameter(ParameterSetName = Search, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>Text in the id, title, tickets or author.</summary>
    [Parameter(ParameterSetName = Search)]
    [ValidateNotNullOrEmpty]
    public string? Text { get; set; }

    /// <summary>Changes whose implementation window ends at or after this time.</summary>
    [Parameter(ParameterSetName = Search)]
    public DateTimeOffset? From { get; set; }

    /// <summary>Changes whose implementation window starts at or before this time.</summary>
    [Parameter(ParameterSetName = Search)]
    public DateTimeOffset? To { get; set; }

    /// <summary>Only changes with a notice that did not reach someone (bounced, rejected or failed), at the customers searched for.</summary>
    [Parameter(ParameterSetName = Search)]
    public SwitchParameter Undelivered { get; set; }

    private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
    private static readonly string[] SearchFilters = [nameof(Status), nameof(Customer), nameof(Text), nameof(From), nameof(To), nameof(First), nameof(Undelivered)];
    private bool _customersGiven;
    private bool _gotById;

    /// <summary>A search gathers the customers of every pipeline record first, so a change that includes several is written once.</summary>
    protected override void ProcessRecord()
    {
        if (ChangeId.Length > 0 && !MyInvocation.ExpectingInput && SearchFilters.Any(MyInvocation.BoundParameters.ContainsKey))
            ThrowTerminatingError(Errors.InvalidArgument("ChangeIdWithSearch",
                "-ChangeId gets changes by id and does not combine with -Customer, -Status, -Text, -From, -To, -First or -Undelivered.", ChangeId));
        if (ChangeId.Length > 0)
        {
            _gotById = true;
            foreach (var id in ChangeId) GetOne(id);
        }
        else if (Customer is { Length: > 0 })
        {
            _customersGiven = true;
            _customers.UnionWith(SelectCustomers(Customer).Select(c => c.CustomerCode));
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == Search && !_gotById && (!_customersGiven || _customers.Count > 0)) SearchChanges(_customersGiven ? _customers : null);
        base.EndProcessing();
    }

    private void GetOne(string id)
    {
        if (Version is { } v) WriteRead("Change", id, ct => Core.Changes.GetVersionAsync(id, v, ct));
        else WriteRead("Change", id, async ct => (await Core.Changes.GetAsync(id, ct)).Change);
    }

    /// <summary>Pages through the index until the end (or -First), writing as pages arrive.</summary>
    private void SearchChanges(IReadOnlySet<string>? customers)
    {
        var query = new ChangeQuery(Status is null ? null : ParameterValues.ChangeStatus(Status), null, Text, From, To, ChangeQuery.MaxPageSize, Scope: customers);
        var undelivered = Undelivered.IsPresent;
        WriteAllPages(async (token, ct) =>
        {
            if (undelivered && token is null) query = query with { Ids = await Core.Backend.Outcomes.AtAsync(customers, ct) };
            return await Core.Changes.ListAsync(query, token, ct);
        });
    }
}
