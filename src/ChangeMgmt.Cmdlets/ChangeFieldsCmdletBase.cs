using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>The editable fields of a change, as parameters (New-ChangeRequest, Set-ChangeRequest).</summary>
public abstract class ChangeFieldsCmdletBase : CustomerFieldsCmdletBase
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ChangeTitle")]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

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

    /// <summary>A DateTimeOffset, a DateTime, or text; without a UTC offset it is that wall-clock time in the change's time zone.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ImplementationStart")]
    public ScheduleTime? Start { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ImplementationEnd")]
    public ScheduleTime? End { get; set; }

    /// <summary>The IANA time zone the schedule is shown in (e.g. Europe/London).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? TimeZone { get; set; }

    /// <summary>
    /// The change with every given parameter applied (customer wildcards expanded; unknown codes kept for validation
    /// to name; -Start and -End without an offset read in the change's time zone, else ChangeValidationException).
    /// </summary>
    private protected Change WithFields(Change change)
    {
        var timezone = TimeZone is null ? change.Timezone : IanaZones.Canonical(TimeZone);
        var errors = new List<FieldError>();
        var start = Start is null ? change.ImplementationStart : Start.In(timezone, "implementationStart", errors);
        var end = End is null ? change.ImplementationEnd : End.In(timezone, "implementationEnd", errors);
        if (errors.Count > 0) throw new ChangeValidationException(errors);
        return WithFields(change, start, end, timezone);
    }

    private Change WithFields(Change change, DateTimeOffset? start, DateTimeOffset? end, string? timezone) => change with
    {
        ChangeTitle = Title ?? change.ChangeTitle,
        Customers = CustomersOr(change.Customers),
        SnowTicket = SnowTicket ?? change.SnowTicket,
        JiraTicket = JiraTicket ?? change.JiraTicket,
        ChangeReason = Reason ?? change.ChangeReason,
        ImplementationPlan = ImplementationPlan ?? change.ImplementationPlan,
        TestPlan = TestPlan ?? change.TestPlan,
        CustomerImpact = CustomerImpact ?? change.CustomerImpact,
        RollbackPlan = RollbackPlan ?? change.RollbackPlan,
        ImplementationStart = start,
        ImplementationEnd = end,
        Timezone = timezone,
    };
}
