namespace ChangeMgmt.Bench;

public sealed record ApiLoadOptions(int Clients, int Changes, TimeSpan DeliveryTimeout)
{
    public static ApiLoadOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(
            int.Parse(Value("--clients") ?? "32"),
            int.Parse(Value("--changes") ?? "200"),
            TimeSpan.FromSeconds(int.Parse(Value("--delivery-timeout") ?? "900")));
    }
}
