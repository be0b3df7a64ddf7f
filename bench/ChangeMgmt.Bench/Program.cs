using ChangeMgmt.Bench;
using ChangeMgmt.Bench.Calendar;
using ChangeMgmt.Bench.Identity;
using ChangeMgmt.Bench.LargeList;
using ChangeMgmt.Bench.Search;
using ChangeMgmt.Bench.SesEvents;

return args.FirstOrDefault() switch
{
    "delivery" => await DeliveryBenchmark.RunAsync(DeliveryBenchmarkOptions.Parse(args[1..])),
    "api" => await ApiLoadBenchmark.RunAsync(ApiLoadOptions.Parse(args[1..])),
    "identity" => await IdentityBenchmark.RunAsync(IdentityBenchmarkOptions.Parse(args[1..])),
    "ses-rate" => await SesRateBenchmark.RunAsync(args[1..]),
    "ses-rate-sender" => await SesRateBenchmark.SendAsync(args[1..]),
    "large-list" => await LargeListBenchmark.RunAsync(LargeListOptions.Parse(args[1..])),
    "ses-events" => await SesEventsBenchmark.RunAsync(SesEventsOptions.Parse(args[1..])),
    "calendar" => await CalendarBenchmark.RunAsync(CalendarBenchmarkOptions.Parse(args[1..])),
    "search" => await SearchBenchmark.RunAsync(SearchBenchmarkOptions.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ChangeMgmt.Bench delivery [--customers N] [--contacts N] [--rate SENDS_PER_SECOND] [--eml]");
    Console.Error.WriteLine("       ChangeMgmt.Bench api [--clients N] [--changes N] [--delivery-timeout SECONDS]");
    Console.Error.WriteLine("       ChangeMgmt.Bench identity [--users N] [--groups N] [--limit SERVER_REQUESTS_PER_SECOND] [--client-rate REQUESTS_PER_SECOND]");
    Console.Error.WriteLine("                                 [--concurrency N] [--latency-ms MS] [--seed N]");
    Console.Error.WriteLine("       ChangeMgmt.Bench ses-rate [--processes N] [--rate SENDS_PER_SECOND] [--sends PER_PROCESS]");
    Console.Error.WriteLine("       ChangeMgmt.Bench large-list [--contacts N] [--rate SENDS_PER_SECOND] [--senders N] [--invocation-seconds S]");
    Console.Error.WriteLine("                                   [--margin-seconds S] [--visibility-seconds S] [--management-rate CALLS_PER_SECOND]");
    Console.Error.WriteLine("                                   [--warm-processes on|off] [--deadline on|off] [--time-scale X (1: real time)]");
    Console.Error.WriteLine("       ChangeMgmt.Bench ses-events [--events N] [--customers N] [--batch N]");
    Console.Error.WriteLine("       ChangeMgmt.Bench calendar [--changes N] [--customers N] [--months N] [--announcements N] [--runs N]");
    Console.Error.WriteLine("       ChangeMgmt.Bench search [--changes N] [--customers N] [--years N] [--runs N]");
    return 2;
}
