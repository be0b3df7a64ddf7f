using ChangeMgmt.Core.Freezes;
using static ChangeMgmt.Tests.Freezes.Freezes;

namespace ChangeMgmt.Tests.Freezes;

public sealed class FreezeCheckTests
{
    private static readonly ChangeFreeze AcmeFreeze = Timed(Utc(2026, 12, 24, 18), Utc(2026, 12, 27, 8), customers: "acme");
    private static readonly ChangeFreeze GlobalNightly = Timed(Utc(2026, 12, 1, 22), Utc(2026, 12, 2, 6), "Europe/London", "FREQ=DAILY") with { FreezeId = "FRZ-20261201-GLOBAL" };

    private static IReadOnlyList<string> Hits(DateTimeOffset start, DateTimeOffset end, string[] customers, params ChangeFreeze[] freezes) =>
        [.. FreezeCheck.Overlapping(start, end, customers, freezes).Select(o => o.Freeze.FreezeId)];

    [Fact]
    public void A_window_ending_exactly_at_the_freeze_start_does_not_overlap()
    {
        Assert.Empty(Hits(Utc(2026, 12, 24, 16), Utc(2026, 12, 24, 18), ["acme"], AcmeFreeze));
    }

    [Fact]
    public void A_window_starting_exactly_at_the_freeze_end_does_not_overlap()
    {
        Assert.Empty(Hits(Utc(2026, 12, 27, 8), Utc(2026, 12, 27, 10), ["acme"], AcmeFreeze));
    }

    [Fact]
    public void A_window_one_minute_into_the_freeze_overlaps_and_names_the_occurrence()
    {
        var overlap = Assert.Single(FreezeCheck.Overlapping(Utc(2026, 12, 24, 16), Utc(2026, 12, 24, 18, 1), ["acme"], [AcmeFreeze]));

        Assert.Equal((AcmeFreeze, Utc(2026, 12, 24, 18), Utc(2026, 12, 27, 8)), (overlap.Freeze, overlap.Occurrence.Start, overlap.Occurrence.End));
    }

    [Fact]
    public void A_customer_freeze_holds_only_its_customers_changes()
    {
        Assert.Equal([AcmeFreeze.FreezeId], Hits(Utc(2026, 12, 25), Utc(2026, 12, 25, 2), ["globex", "acme"], AcmeFreeze));
        Assert.Empty(Hits(Utc(2026, 12, 25), Utc(2026, 12, 25, 2), ["globex"], AcmeFreeze));
    }

    [Fact]
    public void A_global_freeze_holds_every_customers_changes()
    {
        Assert.Equal([GlobalNightly.FreezeId], Hits(Utc(2026, 12, 10, 23), Utc(2026, 12, 11, 1), ["initech"], GlobalNightly, AcmeFreeze));
    }

    [Fact]
    public void A_window_between_two_nights_of_a_recurring_freeze_does_not_overlap()
    {
        Assert.Empty(Hits(Utc(2026, 12, 10, 6), Utc(2026, 12, 10, 22), ["acme"], GlobalNightly));
    }

    [Fact]
    public void A_removed_freeze_holds_nothing()
    {
        var removed = AcmeFreeze with { DeletedAt = Utc(2026, 12, 1), DeletedBy = "jane@msp.example" };

        Assert.Empty(Hits(Utc(2026, 12, 25), Utc(2026, 12, 25, 2), ["acme"], removed));
    }
}
