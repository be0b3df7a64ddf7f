using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Core.Tokens;

namespace ChangeMgmt.Cmdlets;

/// <summary>The Core administration services over one backend, for one command.</summary>
internal sealed class AdminServices(LoadedConfig config, Backend backend, string? backupDirectory, TokenKeys? tokenKeys)
{
    public ContactListBackups Backups { get; } = new(backend.SesAccounts, backupDirectory ?? ContactListBackups.DefaultDirectory(config), TimeProvider.System);

    public ContactListService Lists => new(config, backend.SesAccounts, Backups);

    public TopicSync Topics => new(backend.SesAccounts, Lists, Backups);

    public ContactService Contacts { get; } = new(backend.SesAccounts);

    public SuppressionService Suppression => new(backend.SesAccounts);

    public ContactListRestorer Restorer => new(backend.SesAccounts, Backups);

    public SesAccountSetup Setup => new(config, backend.SesAccounts, Lists, Topics);

    public DeliverabilityCheck Deliverability => new(config.Email, backend.SesAccounts);

    public TestEmail TestEmail => new(config, backend.SesAccounts,
        new NotificationRenderer(config.Email, new TemplateLibrary(Path.Combine(config.ConfigDirectory, "templates"))), TimeProvider.System)
    {
        Links = new(config.Email, tokenKeys is null ? null : new PreferenceToken(tokenKeys, TimeProvider.System)),
    };
}
