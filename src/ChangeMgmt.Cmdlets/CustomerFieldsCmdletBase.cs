using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>What the editing cmdlets of changes and announcements share: -Customer, the customers the object is for.</summary>
public abstract class CustomerFieldsCmdletBase : BackendCmdletBase
{
    /// <summary>The customers the change or announcement is for (codes; wildcards allowed).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Customers")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>-Customer with wildcards expanded over the configured customers (plain codes kept as given: validation names unknown ones), else <paramref name="current"/>.</summary>
    private protected List<string> CustomersOr(List<string> current) => Customer is null ? current : CustomerSelector.Codes(Config.Config, Customer);
}
