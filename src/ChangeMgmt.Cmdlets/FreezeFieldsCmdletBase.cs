using System.Management.Automation;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Cmdlets;

/// <summary>The editable fields of a freeze as parameters (Add-ChangeFreeze, Set-ChangeFreeze): timed (-Start/-End) or whole days (-StartDate/-EndDate).</summary>
public abstract class FreezeFieldsCmdletBase : BackendCmdletBase
{
    private protected const string Timed = "Timed";
    private protected const string AllDay = "AllDay";

    /// <summary>What people call the freeze (e.g. Year-end freeze).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Why nothing may change then.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reason { get; set; }

    /// <summary>
    /// The customers the freeze applies to (codes; wildcards allowed); none: every customer. Not bound from the pipeline,
    /// where a global freeze's empty Customers would not bind.
    /// </summary>
    [Parameter]
    [Alias("Customers")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>A timed freeze's start: with a UTC offset an instant, without one a wall-clock time in -TimeZone.</summary>
    [Parameter(ParameterSetName = Timed)]
    public ScheduleTime? Start { get; set; }

    [Parameter(ParameterSetName = Timed)]
    public ScheduleTime? End { get; set; }

    /// <summary>An all-day freeze's first day (in -TimeZone; the time of day is ignored).</summary>
    [Parameter(ParameterSetName = AllDay)]
    public DateTime? StartDate { get; set; }

    /// <summary>An all-day freeze's last day, included.</summary>
    [Parameter(ParameterSetName = AllDay)]
    public DateTime? EndDate { get; set; }

    /// <summary>The IANA zone whose clock the freeze follows (e.g. Europe/London).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TimeZone { get; set; }

    /// <summary>An RFC 5545 RRULE value without 'RRULE:' (e.g. FREQ=WEEKLY;BYDAY=FR).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Recurrence { get; set; }

    /// <summary>
    /// The freeze with every given parameter applied, checked as Core will check it (ChangeValidationException naming
    /// the fields), so -WhatIf reports what would be refused. Timed and all-day replace each other.
    /// </summary>
    private protected ChangeFreeze WithFields(ChangeFreeze freeze)
    {
        var timezone = TimeZone is null ? freeze.Timezone : IanaZones.Canonical(TimeZone);
        var errors = new List<FieldError>();
        var customers = Customer is null ? freeze.Customers : CustomerSelector.Codes(Config.Config, Customer);
        if (Customer is not null && customers.Count == 0)
            errors.Add(new("customers", $"-Customer {string.Join(", ", Customer)} matches no configured customer; leave -Customer out for a global freeze."));
        var timed = Start is not null || End is not null;
        var allDay = StartDate is not null || EndDate is not null;
        var edited = freeze with
        {
            Name = Name ?? freeze.Name,
            Reason = Reason ?? freeze.Reason,
            Customers = customers,
            Timezone = timezone,
            Recurrence = Recurrence ?? freeze.Recurrence,
            Start = allDay ? null : Start?.In(timezone, "start", errors) ?? freeze.Start,
            End = allDay ? null : End?.In(timezone, "end", errors) ?? freeze.End,
            StartDate = timed ? null : StartDate is { } s ? DateOnly.FromDateTime(s) : freeze.StartDate,
            EndDate = timed ? null : EndDate is { } e ? DateOnly.FromDateTime(e) : freeze.EndDate,
        };
        if (errors.Count == 0) errors.AddRange(FreezeValidator.Validate(edited, Config.Config));
        return errors.Count > 0 ? throw new ChangeValidationException(errors, "freeze") : edited;
    }
}
