using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Freezes;

/// <summary>What a freeze needs before it is stored: each error names the JSON field and the fix.</summary>
public static class FreezeValidator
{
    public const int MaxName = 200;
    public const int MaxReason = 2000;

    public static IReadOnlyList<FieldError> Validate(ChangeFreeze freeze, ChangeMgmtConfig config)
    {
        var errors = new List<FieldError>();
        CheckText("name", freeze.Name, MaxName, "e.g. Year-end freeze", errors);
        CheckText("reason", freeze.Reason, MaxReason, "why nothing may change then", errors);
        ChangeValidator.CheckCustomers(freeze.Customers, config, errors);
        var zone = CheckZone(freeze.Timezone, errors);
        if (CheckTimes(freeze, errors) && zone is not null && freeze.Recurrence is not null)
            CheckRecurrence(freeze, zone, errors);
        return errors;
    }

    private static void CheckText(string field, string? value, int max, string hint, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, $"Give the freeze a {field} ({hint})."));
        else if (value.Length > max) errors.Add(new(field, $"The {field} is {value.Length} characters long; shorten it to at most {max}."));
    }

    private static TimeZoneInfo? CheckZone(string? timezone, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(timezone))
        {
            errors.Add(new("timezone", $"Give the zone whose clock the freeze follows (e.g. {IanaZones.Example}, or UTC)."));
            return null;
        }
        var zone = IanaZones.Find(timezone, out var error);
        if (zone is null) errors.Add(new("timezone", error!));
        return zone;
    }

    /// <summary>Exactly one of start/end and startDate/endDate, in order; true when they are usable.</summary>
    private static bool CheckTimes(ChangeFreeze f, List<FieldError> errors)
    {
        var timed = f.Start is not null || f.End is not null;
        if (timed == f.IsAllDay)
        {
            errors.Add(new("start", timed
                ? "Give either start and end (a timed freeze) or startDate and endDate (whole days), not both."
                : "Give start and end (e.g. 2026-12-24T18:00:00+00:00) or, for whole days, startDate and endDate (e.g. 2026-12-24)."));
            return false;
        }
        var count = errors.Count;
        if (timed)
            CheckOrder(f.Start is null ? "start" : f.End is null ? "end" : null, f.End <= f.Start, "end", "The end must be after the start.", errors);
        else
            CheckOrder(f.StartDate is null ? "startDate" : f.EndDate is null ? "endDate" : null, f.EndDate < f.StartDate, "endDate",
                "The end date (the last frozen day, included) must be on or after the start date.", errors);
        return errors.Count == count;
    }

    private static void CheckOrder(string? missing, bool reversed, string endField, string message, List<FieldError> errors)
    {
        if (missing is not null) errors.Add(new(missing, $"Give {missing} as well."));
        else if (reversed) errors.Add(new(endField, message));
    }

    private static void CheckRecurrence(ChangeFreeze freeze, TimeZoneInfo zone, List<FieldError> errors)
    {
        var text = freeze.Recurrence!;
        var rule = FreezeRecurrence.Parse(text, out var error);
        if (rule is null)
        {
            errors.Add(new("recurrence", $"'{text}' is not an RFC 5545 RRULE value ({error}); write it without 'RRULE:', e.g. {FreezeRecurrence.Example}."));
            return;
        }
        var (start, end) = FreezeOccurrences.LocalSpan(freeze, zone);
        if (!FreezeRecurrence.Occurs(rule, start, end, zone.Id))
            errors.Add(new("recurrence", $"'{text}' never occurs from the freeze's start on; check its BY… parts and UNTIL."));
    }
}
