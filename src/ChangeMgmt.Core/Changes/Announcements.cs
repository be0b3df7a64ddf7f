namespace ChangeMgmt.Core.Changes;

/// <summary>
/// What the customers were told, carried from version to version: the last announced window and customers
/// (so an updated announcement shows old → new) and the customers removed after they were told (each gets
/// a cancellation, once, for the version that removed it; adding a customer back drops its withdrawal).
/// </summary>
internal static class Announcements
{
    public static Change Carry(Change current, Change next)
    {
        var withdrawals = (current.Withdrawals ?? []).Where(w => !next.Customers.Contains(w.CustomerCode)).ToList();
        if (current.Status != ChangeStatus.Draft)
            withdrawals.AddRange(current.Customers.Where(code => !next.Customers.Contains(code))
                .Select(code => new CustomerWithdrawal(code, next.Version, WasAnnounced(current, code))));
        return next with
        {
            PreviousAnnouncement = current.Status == ChangeStatus.Approved ? AnnouncedSchedule.Of(current) : current.PreviousAnnouncement,
            Withdrawals = withdrawals.Count > 0 ? withdrawals : null,
        };
    }

    private static bool WasAnnounced(Change current, string code) =>
        current.Status == ChangeStatus.Approved || current.PreviousAnnouncement?.Customers.Contains(code) == true;
}
