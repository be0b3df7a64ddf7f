using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// On first start, gives each customer's local SES account its contact list (the configured topics)
/// and the contacts and suppressed addresses from <c>local-contacts.json</c> beside config.json; and
/// each account's sending setup, as Initialize-SesAccount leaves it, except for a customer whose
/// seed says <c>"NotReady": true</c>: that one stays in the sandbox with its domain's DKIM failed.
/// </summary>
public sealed partial class LocalSeeder(LoadedConfig config, LocalAdapters adapters, ILogger<LocalSeeder> log) : IHostedService
{
    public const string FileName = "local-contacts.json";

    public async Task StartAsync(CancellationToken ct)
    {
        var seeds = ReadSeeds();
        foreach (var customer in config.Config.Customers)
        {
            var account = adapters.SesAccounts.ForCustomer(customer.CustomerCode);
            var seed = seeds.GetValueOrDefault(customer.CustomerCode);
            await SeedSetupAsync(account, customer, seed?.NotReady == true, ct);
            if ((await account.ListContactListsAsync(null, ct)).Items.Count > 0) continue;
            await SeedAsync(account, customer, seed, ct);
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

    // Seeded once: an account that has its sender identity keeps whatever state it reached since.
    private async Task SeedSetupAsync(LocalSesAccount account, CustomerConfig customer, bool notReady, CancellationToken ct)
    {
        if (config.Email.SenderDomain is not { } domain) return;
        try
        {
            await account.GetEmailIdentityAsync(domain, ct);
            return;
        }
        catch (Core.Errors.ServiceException ex) when (ex.Kind == Core.Errors.ServiceErrorKind.NotFound)
        {
        }
        if (notReady)
        {
            await account.AddUnverifiedIdentityAsync(domain, "FAILED", ct);
            log.LogInformation("{CustomerCode}: local SES account left not ready (sandbox, DKIM failed); Initialize-SesAccount -RequestProductionAccess readies it", customer.CustomerCode);
            return;
        }
        var set = config.Email.ConfigurationSetName;
        await account.CreateConfigurationSetAsync(set, ct);
        await account.CreateEmailIdentityAsync(domain, set, ct);
        if (config.Email.MailFromDomain is { } mailFrom)
            await account.PutEmailIdentityMailFromAttributesAsync(domain, mailFrom, SesValues.UseDefaultValue, ct);
        await account.PutAccountSuppressionAttributesAsync([SuppressionReason.Bounce, SuppressionReason.Complaint], ct);
        await account.PutAccountDetailsAsync(new SesProductionAccessRequest(config.Email.PortalBaseUrl ?? "", "local mode"), ct);
    }

    private Dictionary<string, AccountSeed> ReadSeeds()
    {
        var path = Path.Combine(config.ConfigDirectory, FileName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), SeedJson.TypeInfo<Dictionary<string, AccountSeed>>()) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Path}: {ex.Message} Fix: see examples/{FileName} for the shape.", ex);
        }
    }

    private static readonly JsonSerializerOptions SeedJson = new()
    {
        Converters =
        {
            new JsonStringEnumConverter<SubscriptionStatus>(JsonNamingPolicy.SnakeCaseUpper),
            new JsonStringEnumConverter<SuppressionReason>(JsonNamingPolicy.SnakeCaseUpper),
        },
        ReadCommentHandling = JsonCommentHandling.Skip,
        TypeInfoResolver = SeedJsonContext.Default,
    };

    [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(Dictionary<string, AccountSeed>))]
    private sealed partial class SeedJsonContext : JsonSerializerContext;

    private sealed record AccountSeed(double? MaxSendRate, List<ContactSeed> Contacts, List<SuppressionSeed>? SuppressedDestinations, bool NotReady = false);

    private sealed record ContactSeed(string EmailAddress, List<TopicPreference>? TopicPreferences, bool UnsubscribeAll = false)
    {
        public SesContact ToContact() => new(EmailAddress, TopicPreferences ?? [], UnsubscribeAll);
    }

    private sealed record SuppressionSeed(string EmailAddress, SuppressionReason Reason);
}
