namespace ChangeMgmt.Bench.Search;

internal sealed record SearchBenchmarkOptions(int Changes, int Customers, int Years, int Runs)
{
    public static SearchBenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(int.Parse(Value("--changes") ?? "100000"), int.Parse(Value("--customers") ?? "30"), int.Parse(Value("--years") ?? "10"),
            int.Parse(Value("--runs") ?? "20"));
    }
}
