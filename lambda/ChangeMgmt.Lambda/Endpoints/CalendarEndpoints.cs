using ChangeMgmt.Core.Calendar;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// GET /api/calendar?from=&amp;to=&amp;customer=&amp;status=: the changes, announcement events and freeze occurrences of a
/// range (at most <see cref="CalendarQuery.MaxDays"/> days), for every role. A customer-scoped caller gets only its
/// customers' entries and the global freezes, each naming only its customers (<see cref="CalendarService"/>).
/// </summary>
public static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/calendar", async (string? from, string? to, string? customer, string? status, CalendarService calendar, Access access, CancellationToken ct) =>
        {
            access.Require(Role.Viewer, "Reading the calendar");
            access.RequireCustomer(customer);
            var query = new CalendarQuery(
                QueryValues.Instant(from, nameof(from)) ?? throw new BadQueryValueException(nameof(from), "Give the start of the range, e.g. 2026-12-01T00:00:00Z."),
                QueryValues.Instant(to, nameof(to)) ?? throw new BadQueryValueException(nameof(to), "Give the end of the range (excluded), e.g. 2027-01-01T00:00:00Z."),
                string.IsNullOrEmpty(customer) ? null : customer, QueryValues.Status(status), access.Caller.Customers);
            return TypedResults.Ok(await calendar.QueryAsync(query, ct));
        });
}
