using ChangeMgmt.Bench;

return args.FirstOrDefault() switch
{
    "delivery" => await DeliveryBenchmark.RunAsync(DeliveryBenchmarkOptions.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ChangeMgmt.Bench delivery [--customers N] [--contacts N] [--rate SENDS_PER_SECOND] [--eml]");
    return 2;
}
