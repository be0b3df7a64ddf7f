using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cmdlets that read what became of changes for some of their customers (-Customer); each declares how it takes the changes.</summary>
public abstract class ChangeReadCmdletBase : BackendCmdletBase
{
    private HashSet<string>? _customers;

    /// <summary>Only these customers (wildcards allowed).</summary>
    [Parameter]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>The configured customers -Customer selects (each unknown code reported once as CustomerNotFound).</summary>
    private protected IReadOnlySet<string> SelectedCustomers =>
        _customers ??= SelectCustomers(Customer).Select(c => c.CustomerCode).ToHashSet(StringComparer.Ordinal);

    /// <summary>The change, or null after writing why it cannot be read (the pipeline goes on).</summary>
    private protected Change? FindChange(string id)
    {
        try
        {
            return Await(ct => Core.Changes.GetAsync(id, ct)).Change;
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex) && ex is not ChangeDeletedException)
        {
            WriteError(Errors.For(ex, "Change", id));
            return null;
        }
    }
}

/// <summary>Change readers that take only ids: by value, or the ChangeId property of a change or a search result on the pipeline.</summary>
public abstract class ChangeIdsCmdletBase : ChangeReadCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string[] ChangeId { get; set; } = [];
}
