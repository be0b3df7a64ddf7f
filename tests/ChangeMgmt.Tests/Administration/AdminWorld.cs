using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Administration;

/// <summary>
/// The administration services over a real local backend (SQLite in a temp folder), configured by
/// examples/config.json and SESConfig.json, on a clock that moves only when told to.
/// </summary>
internal sealed class AdminWorld : IDisposable
{
    public static readonly LoadedConfig Config =
        ConfigLoader.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json"));

    private readonly TempDirectory directory = new();

    public AdminWorld()
    {
        Adapters = new LocalAdapters(directory.File("data"), "msp-change-metadata-example", new LocalAdapterOptions { Time = Clock, WriteEmlFiles = false });
        Backups = new ContactListBackups(Adapters.SesAccounts, directory.File("backups"), Clock);
        Lists = new ContactListService(Config, Adapters.SesAccounts, Backups);
        Topics = new TopicSync(Adapters.SesAccounts, Lists, Backups);
        Restorer = new ContactListRestorer(Adapters.SesAccounts, Backups);
    }

    public ManualClock Clock { get; } = new();
    public LocalAdapters Adapters { get; }
    public ContactListBackups Backups { get; }
    public ContactListService Lists { get; }
    public TopicSync Topics { get; }
    public ContactListRestorer Restorer { get; }

    public static CustomerConfig Acme => Config.Customer("acme");
    public static CustomerConfig Globex => Config.Customer("globex");
    public static string ListName => CustomerConfig.DefaultContactListName;

    public ISesAccount Account(CustomerConfig customer) => Adapters.SesAccounts.ForCustomer(customer.CustomerCode);

    /// <summary>A fresh service: it reads each customer's list once, so a test that changes topics wants a new one.</summary>
    public ContactService Contacts() => new(Adapters.SesAccounts);

    public Task<CustomerContactList> CreateListAsync(CustomerConfig customer) => Lists.CreateAsync(customer, null, null, default);

    public Task AddAsync(CustomerConfig customer, string email, params TopicPreference[] preferences) =>
        Account(customer).CreateContactAsync(ListName, new SesContact(email, preferences), default);

    public Task<ListState> StateAsync(CustomerConfig customer) => ListState.ReadAsync(Account(customer), ListName);

    public string[] BackupFiles() =>
        Directory.Exists(Backups.Directory) ? [.. Directory.GetFiles(Backups.Directory).Order(StringComparer.Ordinal)] : [];

    public static TopicPreference In(string topic) => new(topic, SubscriptionStatus.OptIn);
    public static TopicPreference Out(string topic) => new(topic, SubscriptionStatus.OptOut);

    public void Dispose()
    {
        Adapters.Dispose();
        directory.Dispose();
    }
}

/// <summary>A test class over a fresh <see cref="AdminWorld"/> per test.</summary>
public abstract class AdminWorldTests : IDisposable
{
    private protected AdminWorld World { get; } = new();

    public void Dispose() => World.Dispose();
}
