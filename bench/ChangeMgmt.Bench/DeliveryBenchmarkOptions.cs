namespace ChangeMgmt.Bench;

public sealed record DeliveryBenchmarkOptions(int Customers, int Contacts, double Rate, bool WriteEml)
{
    public static DeliveryBenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(
            int.Parse(Value("--customers") ?? "30"),
            int.Parse(Value("--contacts") ?? "1000"),
            double.Parse(Value("--rate") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
            args.Contains("--eml"));
    }
}
