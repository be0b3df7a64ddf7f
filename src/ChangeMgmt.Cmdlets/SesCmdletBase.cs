using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Per-customer cmdlets over the customers' SES accounts.</summary>
public abstract class SesCmdletBase : CustomerCmdletBase
{
    private readonly Lock _sync = new();
    private AdminServices? _services;

    private protected AdminServices Services
    {
        get
        {
            lock (_sync) return _services ??= new AdminServices(Config, Backend, BackupDirectory, TokenKeysIfAny());
        }
    }

    /// <summary>True when SESConfig.json defines every topic named; else each unknown one is an UnknownTopic error (before any call).</summary>
    private protected bool TopicsConfigured(IEnumerable<string> topics)
    {
        var unknown = Config.UnknownTopics(topics);
        foreach (var topic in unknown) WriteError(Errors.UnknownTopic(topic, Config));
        return unknown.Count == 0;
    }

    /// <summary>Where automatic backups go (null: the default).</summary>
    private protected virtual string? BackupDirectory => null;

    /// <summary>The customer's list backed up once for this command (before its first change), saying where the first time.</summary>
    private protected async Task EnsureBackupAsync(BackupScope scope, CustomerConfig customer, PipelinePump pump, CancellationToken ct)
    {
        var list = await Services.Contacts.ListOfAsync(customer, ct);
        var (backup, isNew) = await scope.EnsureAsync(customer, list.ContactListName, ct);
        if (isNew) pump.Post(() => TellBackup(backup));
    }

    /// <summary>Says where an automatic backup went (shown like Write-Host; tagged ChangeMgmt.Backup).</summary>
    private protected void TellBackup(BackupInfo backup) =>
        Tell($"{backup.CustomerCode}: backed up contact list {backup.ContactListName} ({backup.Contacts} contacts) to {backup.Path}", "ChangeMgmt.Backup");
}
