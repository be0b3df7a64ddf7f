using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace ChangeMgmt.Core.Freezes;

/// <summary>A freeze's RRULE, read and expanded by Ical.Net over local (wall-clock) times in the freeze's zone.</summary>
internal static class FreezeRecurrence
{
    // A rule that can never match (BYMONTH=2;BYMONTHDAY=30) would otherwise be searched for ever.
    private static readonly EvaluationOptions Options = new() { MaxUnmatchedIncrementsLimit = 1000 };

    public const string Example = "FREQ=WEEKLY;BYDAY=FR;UNTIL=20271231T000000Z";

    /// <summary>The rule, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static RecurrencePattern? Parse(string text, out string? error)
    {
        error = null;
        try
        {
            // Ical.Net reads an empty rule as FREQ=YEARLY.
            var rule = string.IsNullOrWhiteSpace(text) ? throw new FormatException("it is empty") : new RecurrencePattern(text);
            if (rule.Frequency >= FrequencyType.Hourly) return rule;
            error = "a freeze repeats at most hourly";
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            error = e.Message;
        }
        return null;
    }

    /// <summary>
    /// The local start of each occurrence whose exact span (Ical.Net's: DTEND's duration) ends after
    /// <paramref name="fromUtc"/> and that starts before <paramref name="toUtc"/>, in order.
    /// </summary>
    public static IEnumerable<DateTime> Starts(RecurrencePattern rule, DateTime wallStart, DateTime wallEnd, string zone, DateTime fromUtc, DateTime toUtc)
    {
        var freeze = new CalendarEvent { DtStart = new CalDateTime(wallStart, zone), DtEnd = new CalDateTime(wallEnd, zone), RecurrenceRule = rule };
        return freeze.GetOccurrences(new CalDateTime(fromUtc, "UTC"), Options)
            .TakeWhileBefore(new CalDateTime(toUtc, "UTC"))
            .Select(o => o.Period.StartTime.Value);
    }

    /// <summary>Whether the rule yields an occurrence at all (false for a rule that never matches).</summary>
    public static bool Occurs(RecurrencePattern rule, DateTime wallStart, DateTime wallEnd, string zone)
    {
        try
        {
            var freeze = new CalendarEvent { DtStart = new CalDateTime(wallStart, zone), DtEnd = new CalDateTime(wallEnd, zone), RecurrenceRule = rule };
            return freeze.GetOccurrences(null, Options).Any();
        }
        catch (EvaluationException)
        {
            return false;
        }
    }
}
