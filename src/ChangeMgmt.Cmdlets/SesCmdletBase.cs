using ChangeMgmt.Core.Administration;

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
            lock (_sync) return _services ??= new AdminServices(Config, Backend, BackupDirectory);
        }
    }

    /// <summary>Where automatic backups go (null: the default).</summary>
    private protected virtual string? BackupDirectory => null;

    /// <summary>Says where an automatic backup went (shown like Write-Host; tagged ChangeMgmt.Backup).</summary>
    private protected void TellBackup(BackupInfo backup) =>
        Tell($"{backup.CustomerCode}: backed up contact list {backup.ContactListName} ({backup.Contacts} contacts) to {backup.Path}", "ChangeMgmt.Backup");
}
