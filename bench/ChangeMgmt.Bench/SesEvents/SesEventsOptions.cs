namespace ChangeMgmt.Bench.SesEvents;

internal sealed record SesEventsOptions(int Events, int Customers, int BatchSize)
{
    public static SesEventsOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(int.Parse(Value("--events") ?? "100000"), int.Parse(Value("--customers") ?? "30"), int.Parse(Value("--batch") ?? "10"));
    }
}
