namespace ChangeMgmt.Bench.Calendar;

internal sealed record CalendarBenchmarkOptions(int Changes, int Customers, int Months, int Announcements, int Runs)
{
    public static CalendarBenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(int.Parse(Value("--changes") ?? "10000"), int.Parse(Value("--customers") ?? "30"), int.Parse(Value("--months") ?? "30"),
            int.Parse(Value("--announcements") ?? "300"), int.Parse(Value("--runs") ?? "40"));
    }
}
