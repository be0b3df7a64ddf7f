using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// On first start, gives each customer's local SES account its contact list (the configured topics)
/// and the contacts and suppressed addresses from <c>local-contacts.json</c> beside config.json.
/// </summary>
public sealed class LocalSeeder(LoadedConfig config, LocalAdapters adapters, ILogger<LocalSeeder> log) : IHostedService
{
    public const string FileName = "local-contacts.json";

    public async Task StartAsync(CancellationToken ct)
    {
        var seeds = ReadSeeds();
        foreach (var customer in config.Config.Customers)
        {
            var account = adapters.SesAccounts.ForCustomer(customer.CustomerCode);
            if ((await account.ListContactListsAsync(null, ct)).Items.Count > 0) continue;
            await SeedAsync(account, customer, seeds.GetValueOrDefault(customer.CustomerCode), ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task SeedAsync(LocalSesAccount account, CustomerConfig customer, AccountSeed? seed, CancellationToken ct)
    {
        var listName = customer.ContactListName ?? CustomerConfig.DefaultContactListName;
        var topics = config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();
        await account.CreateContactListAsync(new SesContactList(listName, $"Change notifications for {customer.DisplayName}", topics), ct);
        if (seed?.MaxSendRate is { } rate) await account.SetMaxSendRateAsync(rate, ct);
        foreach (var contact in seed?.Contacts ?? [])
            await account.CreateContactAsync(listName, contact.ToContact(), ct);
        foreach (var suppressed in seed?.SuppressedDestinations ?? [])
            await account.PutSuppressedDestinationAsync(suppressed.EmailAddress, suppressed.Reason, ct);
        log.LogInformation("{CustomerCode}: local SES account seeded with contact list {ContactList}, {Contacts} contacts",
            customer.CustomerCode, listName, seed?.Contacts.Count ?? 0);
    }

    private Dictionary<string, AccountSeed> ReadSeeds()
    {
        var path = Path.Combine(config.ConfigDirectory, FileName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, AccountSeed>>(File.ReadAllBytes(path), SeedJson) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Path}: {ex.Message} Fix: see examples/{FileName} for the shape.", ex);
        }
    }

    private static readonly JsonSerializerOptions SeedJson = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record AccountSeed(double? MaxSendRate, List<ContactSeed> Contacts, List<SuppressionSeed>? SuppressedDestinations);

    private sealed record ContactSeed(string EmailAddress, List<TopicPreference>? TopicPreferences, bool UnsubscribeAll = false)
    {
        public SesContact ToContact() => new(EmailAddress, TopicPreferences ?? [], UnsubscribeAll);
    }

    private sealed record SuppressionSeed(string EmailAddress, SuppressionReason Reason);
}
