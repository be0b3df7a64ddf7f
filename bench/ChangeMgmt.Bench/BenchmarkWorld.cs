using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Bench;

/// <summary>N customers, each a local SES account enforcing the rate, with M contacts opted in to approvals.</summary>
internal static class BenchmarkWorld
{
    /// <summary>The customer whose small delivery warms the engine up before the measured one.</summary>
    public const string WarmUpCustomer = "warmup";

    public static IEnumerable<string> MeasuredCustomers(LoadedConfig config) =>
        config.Config.CustomerMappings.Keys.Where(code => code != WarmUpCustomer);

    public static LoadedConfig Config(int customers)
    {
        var mappings = Enumerable.Range(1, customers).Select(Code).Append(WarmUpCustomer).ToDictionary(code => code, code => new CustomerConfig
        {
            CustomerCode = code,
            CustomerName = $"Customer {code}",
            SqsQueueArn = $"arn:aws:sqs:us-east-1:100000000000:changemgmt-{code}",
        });
        var ses = new SesConfig
        {
            TopicGroupPrefix = ["aws"],
            TopicGroupMembers = [Topic("approval", "OPT_OUT"), Topic("announce", "OPT_IN"), Topic("calendar", "OPT_OUT")],
        };
        var config = new ChangeMgmtConfig
        {
            CustomerMappings = mappings,
            S3Config = new S3Config { BucketName = "changemgmt-bench" },
            EmailConfig = new EmailConfig { SenderAddress = "changes@msp.example", PortalBaseUrl = "https://changes.msp.example" },
        };
        return new LoadedConfig(config, ses, TopicExpander.Expand(ses), "bench/config.json", "bench/SESConfig.json");
    }

    public static async Task SeedAsync(LocalAdapters adapters, LoadedConfig config, int contacts, double rate)
    {
        // The warm-up customer: few contacts, same rate.
        var topics = config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();
        foreach (var code in config.Config.CustomerMappings.Keys)
        {
            var account = adapters.SesAccounts.ForCustomer(code);
            await account.CreateContactListAsync(new SesContactList(CustomerConfig.DefaultContactListName, null, topics), CancellationToken.None);
            await account.SetMaxSendRateAsync(rate, CancellationToken.None);
            for (var i = 0; i < (code == WarmUpCustomer ? Math.Min(contacts, 20) : contacts); i++)
                await account.CreateContactAsync(CustomerConfig.DefaultContactListName,
                    new SesContact(Recipient(code, i), [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), CancellationToken.None);
        }
    }

    public static string Recipient(string code, int i) => $"person{i:D5}@{code}.example";

    private static string Code(int i) => $"c{i:D3}";

    private static TopicDefinition Topic(string name, string status) =>
        new() { TopicName = name, DisplayName = name, DefaultSubscriptionStatus = status };
}
