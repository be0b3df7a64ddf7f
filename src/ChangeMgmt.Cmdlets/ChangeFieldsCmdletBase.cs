using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>The editable fields of a change, as parameters (New-ChangeRequest, Set-ChangeRequest).</summary>
public abstract class ChangeFieldsCmdletBase : BackendCmdletBase
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ChangeTitle")]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>The customers the change affects (codes; wildcards allowed).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Customers")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SnowTicket { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? JiraTicket { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ChangeReason")]
    public string? Reason { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ImplementationPlan { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? TestPlan { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? CustomerImpact { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RollbackPlan { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ImplementationStart")]
    public DateTimeOffset? Start { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ImplementationEnd")]
    public DateTimeOffset? End { get; set; }

    /// <summary>The IANA time zone the schedule is shown in (e.g. Europe/London).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? TimeZone { get; set; }

    /// <summary>The change with every given parameter applied (customer wildcards expanded; unknown codes kept for validation to name).</summary>
    private protected Change WithFields(Change change) => change with
    {
        ChangeTitle = Title ?? change.ChangeTitle,
        Customers = Customer is null ? change.Customers : ExpandCustomers(Customer),
        SnowTicket = SnowTicket ?? change.SnowTicket,
        JiraTicket = JiraTicket ?? change.JiraTicket,
        ChangeReason = Reason ?? change.ChangeReason,
        ImplementationPlan = ImplementationPlan ?? change.ImplementationPlan,
        TestPlan = TestPlan ?? change.TestPlan,
        CustomerImpact = CustomerImpact ?? change.CustomerImpact,
        RollbackPlan = RollbackPlan ?? change.RollbackPlan,
        ImplementationStart = Start ?? change.ImplementationStart,
        ImplementationEnd = End ?? change.ImplementationEnd,
        Timezone = TimeZone ?? change.Timezone,
    };

    private List<string> ExpandCustomers(IEnumerable<string> patterns)
    {
        var codes = new List<string>();
        foreach (var pattern in patterns)
        {
            if (WildcardPattern.ContainsWildcardCharacters(pattern))
                codes.AddRange(CustomerSelector.Select(Config.Config, [pattern]).Customers.Select(c => c.CustomerCode));
            else codes.Add(pattern);
        }
        return codes.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The written change as output; each customer whose trigger failed as an error.</summary>
    private protected void Report(ChangeWriteResult written)
    {
        foreach (var error in ChangeWriteErrors.TriggerFailures(written)) WriteError(error);
        WriteObject(written.Change);
    }
}
