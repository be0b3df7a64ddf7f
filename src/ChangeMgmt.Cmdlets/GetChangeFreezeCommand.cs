using System.Management.Automation;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets freezes: by id (or one of its versions), the freezes for some customers, or with -From/-To their occurrences in that range.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeFreeze", DefaultParameterSetName = Search)]
[OutputType(typeof(ChangeFreeze), ParameterSetName = [Search, ById])]
[OutputType(typeof(FreezeWindow), ParameterSetName = [Occurrences])]
public sealed class GetChangeFreezeCommand : ReadCmdletBase
{
    private const string Occurrences = "Occurrences";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FreezeIdCompleter))]
    public string[] FreezeId { get; set; } = [];

    /// <summary>Freezes that apply to any of these customers (codes, wildcards): theirs and the global ones.</summary>
    [Parameter(ParameterSetName = Search)]
    [Parameter(ParameterSetName = Occurrences)]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>Removed freezes too.</summary>
    [Parameter(ParameterSetName = Search)]
    [Parameter(ParameterSetName = Occurrences)]
    public SwitchParameter IncludeRemoved { get; set; }

    /// <summary>With -To: the occurrences overlapping [From, To) instead of the freezes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Occurrences)]
    public DateTimeOffset From { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = Occurrences)]
    public DateTimeOffset To { get; set; }

    protected override void BeginProcessing()
    {
        if (ParameterSetName == Occurrences && To <= From)
            ThrowTerminatingError(Errors.InvalidArgument("FreezeRangeInvalid", $"-To ({To:u}) must be after -From ({From:u}).", To));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ById)
        {
            foreach (var id in FreezeId) WriteRead(Errors.FreezeNoun, id, ct => Read(id, ct));
            return;
        }
        var customers = Customer is null ? null : SelectCustomers(Customer).Select(c => c.CustomerCode).ToList();
        if (customers is { Count: 0 }) return;
        var freezes = Await(ct => Core.Freezes.ListAsync(IncludeRemoved, ct))
            .Where(f => customers is null || f.IsGlobal || customers.Any(f.AppliesTo));
        if (ParameterSetName == Occurrences) WriteObject(FreezeWindow.Between(freezes, From, To), enumerateCollection: true);
        else WriteObject(freezes.Take(First ?? int.MaxValue), enumerateCollection: true);
    }

    private async Task<ChangeFreeze> Read(string id, CancellationToken ct) => Version is { } v
        ? (await Core.Freezes.GetVersionsAsync(id, ct)).FirstOrDefault(f => f.Version == v) ?? throw new FreezeNotFoundException($"{id} v{v}")
        : await Core.Freezes.GetAsync(id, ct);
}
