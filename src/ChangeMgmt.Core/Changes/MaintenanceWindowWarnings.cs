using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// config.json <c>customer_mappings.{code}.maintenance_windows</c>: for each of the change's customers that has
/// windows, a change window not wholly inside one occurrence of one of them is a <c>maintenance</c> warning.
/// Occurrences keep their local times in their zone across DST (the freeze occurrence engine).
/// </summary>
public sealed class MaintenanceWindowWarnings(ChangeMgmtConfig config) : IChangeWarningSource
{
    public Task<IReadOnlyList<ChangeWarning>> CheckAsync(Change change, CancellationToken ct)
    {
        if (change is not { ImplementationStart: { } start, ImplementationEnd: { } end } || end <= start) return Task.FromResult<IReadOnlyList<ChangeWarning>>([]);
        var warnings = new List<ChangeWarning>();
        foreach (var code in change.Customers.Distinct(StringComparer.Ordinal))
        {
            if (config.FindCustomer(code)?.MaintenanceWindows is not { Count: > 0 } windows) continue;
            if (windows.Any(w => w is not null && w.Between(start, end).Any(o => o.Start <= start && o.End >= end))) continue;
            warnings.Add(new("maintenance", "implementationStart",
                $"{code} allows changes {string.Join("; ", windows.Where(w => w is not null).Select(w => w.Describe()))}; this window {Window(start, end)} is outside them.",
                CustomerCode: code));
        }
        return Task.FromResult<IReadOnlyList<ChangeWarning>>(warnings);
    }

    private static string Window(DateTimeOffset start, DateTimeOffset end)
    {
        var (s, e) = (start.UtcDateTime, end.UtcDateTime);
        return $"{s:yyyy-MM-dd HH:mm}–{(e.Date == s.Date ? e.ToString("HH:mm") : e.ToString("yyyy-MM-dd HH:mm"))} UTC";
    }
}
