using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Calendar;

/// <summary>
/// A calendar view's range [<see cref="From"/>, <see cref="To"/>) — at most <see cref="MaxDays"/> days, a month view
/// with the days around it — and its filters: one customer, one status, and a scoped caller's customers (null: all).
/// </summary>
public sealed record CalendarQuery(DateTimeOffset From, DateTimeOffset To, string? Customer = null, ChangeStatus? Status = null, IReadOnlySet<string>? Scope = null)
{
    public const int MaxDays = 62;

    /// <summary>Throws <see cref="ChangeValidationException"/> naming <c>to</c> when the range is empty, reversed or too long.</summary>
    public void Validate()
    {
        var message = To <= From ? "Give a 'to' after 'from'."
            : To - From > TimeSpan.FromDays(MaxDays) ? $"A calendar range is at most {MaxDays} days; ask for a month or a week at a time."
            : null;
        if (message is not null) throw new ChangeValidationException([new("to", message)], "calendar query");
    }

    /// <summary>Whether [start, end) overlaps the range; without a later end, whether the instant start is in it.</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset? end) =>
        end is { } e && e > start ? start < To && e > From : start >= From && start < To;

    /// <summary>The customers a scoped caller may see of <paramref name="customers"/>; all of them otherwise.</summary>
    public IReadOnlyList<string> Visible(IReadOnlyList<string> customers) =>
        Scope is null ? customers : [.. customers.Where(Scope.Contains)];

    /// <summary>An entry for <paramref name="customers"/> is shown: one of the scope's, and the customer asked for.</summary>
    public bool Shows(IReadOnlyList<string> customers) =>
        (Scope is null || customers.Any(Scope.Contains)) && (Customer is null || customers.Contains(Customer));
}
