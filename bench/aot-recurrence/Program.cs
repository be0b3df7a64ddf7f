// Freeze rules through Ical.Net, printed so that a JIT run and a Native AOT run can be compared (see the csproj).
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Freezes;

string[] rules = ["FREQ=WEEKLY;BYDAY=FR;UNTIL=20271231T000000Z", "FREQ=WEEKLY;BYDAY=SA,SU", "FREQ=DAILY", "FREQ=MONTHLY;BYDAY=1SA",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "FREQ=WEEKLY;BYDAY=FR;COUNT=4", "FREQ=YEARLY;COUNT=3", "FREQ=DAILY;UNTIL=20260103T120000Z",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24,25,26", "FREQ=HOURLY;INTERVAL=6;COUNT=5",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "FREQ=MINUTELY", "", "FREQ=WEEKLY;BYDAY=FR;UNTIL="];
var config = new ChangeMgmtConfig();
var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
foreach (var zone in new[] { "Europe/London", "America/New_York", "UTC" })
foreach (var rule in rules)
foreach (var allDay in new[] { false, true })
{
    var freeze = allDay
        ? new ChangeFreeze { FreezeId = "f", Name = "n", Reason = "r", Timezone = zone, Recurrence = rule, StartDate = new DateOnly(2026, 3, 6), EndDate = new DateOnly(2026, 3, 7) }
        : new ChangeFreeze { FreezeId = "f", Name = "n", Reason = "r", Timezone = zone, Recurrence = rule, Start = new DateTimeOffset(2026, 3, 6, 22, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 3, 7, 6, 0, 0, TimeSpan.Zero) };
    Console.WriteLine($"{zone} {rule} allDay={allDay}");
    try
    {
        var errors = FreezeValidator.Validate(freeze, config);
        foreach (var e in errors) Console.WriteLine($"  error {e}");
        if (errors.Count > 0) continue;
        foreach (var o in FreezeOccurrences.Between(freeze, from, from.AddDays(400)).Take(12)) Console.WriteLine($"  {o}");
        Console.WriteLine($"  next {FreezeOccurrences.Next(freeze, from.AddYears(1))}");
    }
    catch (Exception e) { Console.WriteLine($"  THREW {e.GetType().Name}: {e.Message}"); }
}
