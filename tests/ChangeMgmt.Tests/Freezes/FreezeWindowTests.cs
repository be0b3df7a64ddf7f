using ChangeMgmt.Core.Freezes;
using static ChangeMgmt.Tests.Freezes.Freezes;

namespace ChangeMgmt.Tests.Freezes;

public sealed class FreezeWindowTests
{
    [Fact]
    public void Occurrences_of_several_freezes_come_in_start_order_in_each_freezes_zone_and_in_UTC()
    {
        var london = Timed(Utc(2026, 3, 27, 22), Utc(2026, 3, 28, 2), "Europe/London", "FREQ=DAILY") with { FreezeId = "FRZ-20261201-LONDON", Name = "London nights" };
        var tokyo = AllDay(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), "Asia/Tokyo") with { FreezeId = "FRZ-20261201-TOKYO1", Customers = ["acme"] };

        var windows = FreezeWindow.Between([london, tokyo], Utc(2026, 3, 28, 12), Utc(2026, 3, 30, 0));

        Assert.Equal(["FRZ-20261201-TOKYO1", "FRZ-20261201-LONDON", "FRZ-20261201-LONDON"], windows.Select(w => w.FreezeId));
        // Tokyo's 29 March starts at 15:00 UTC on the 28th; London's night of the 28th starts at 22:00 GMT, the 29th's at 22:00 BST.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(9)), windows[0].Start);
        Assert.Equal(new DateTime(2026, 3, 28, 15, 0, 0, DateTimeKind.Utc), windows[0].StartUtc);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromHours(1)], windows.Skip(1).Select(w => w.Start.Offset));
        Assert.Equal([22, 22], windows.Skip(1).Select(w => w.Start.Hour));
        Assert.Equal(new DateTime(2026, 3, 29, 21, 0, 0, DateTimeKind.Utc), windows[2].StartUtc);
        Assert.Equal(["acme"], windows[0].Customers);
        Assert.False(windows[0].IsGlobal);
        Assert.True(windows[1].IsGlobal);
    }
}
