using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>Takes contact list backups as JSON files in one directory.</summary>
public sealed class ContactListBackups(ISesAccountProvider accounts, string directory, TimeProvider time)
{
    public const string DirectoryVariable = "CHANGEMGMT_BACKUP_DIR";
    private const int PageSize = 1000;

    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    /// <summary>
    /// $env:CHANGEMGMT_BACKUP_DIR, else ChangeMgmt/backups in the user's local data directory (~/.local/share or
    /// $XDG_DATA_HOME, %LOCALAPPDATA%): backups hold customers' addresses and never land in a repository by default.
    /// </summary>
    public static string DefaultDirectory(LoadedConfig config)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } fromEnv) return fromEnv;
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(userData)
            ? System.IO.Path.Combine(config.ConfigDirectory, "backups")
            : System.IO.Path.Combine(userData, "ChangeMgmt", "backups");
    }

    public async Task<ContactListBackup> SnapshotAsync(CustomerConfig customer, string listName, string? reason, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        var list = await account.GetContactListAsync(listName, ct);
        var contacts = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(listName, null, PageSize, token, ct));
        var stripped = contacts.Select(c => c with { TopicDefaultPreferences = null }).OrderBy(c => c.EmailAddress, StringComparer.OrdinalIgnoreCase).ToList();
        return new ContactListBackup(ContactListBackup.CurrentFormat, customer.CustomerCode, time.GetUtcNow(), reason, list, stripped);
    }

    public async Task<BackupInfo> TakeAsync(CustomerConfig customer, string listName, string? reason, CancellationToken ct) =>
        await WriteAsync(await SnapshotAsync(customer, listName, reason, ct), ct);

    /// <summary>Writes the list's backup to <paramref name="file"/> (a new file: an existing one is never replaced), atomically.</summary>
    public async Task<BackupInfo> TakeToFileAsync(CustomerConfig customer, string listName, string? reason, string file, CancellationToken ct)
    {
        var backup = await SnapshotAsync(customer, listName, reason, ct);
        var path = System.IO.Path.GetFullPath(file);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}-{Guid.NewGuid():n}.tmp");
        await File.WriteAllBytesAsync(temporary, backup.ToJson(), ct);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            throw new IOException($"{path} exists already; a backup never replaces another file. Give a new file name, or a directory.");
        }
        return Info(backup, path);
    }

    /// <summary>Keeps a suppression entry that is about to be removed.</summary>
    public async Task<string> WriteSuppressionAsync(CustomerSuppression entry, CancellationToken ct)
    {
        var safeAddress = string.Concat(entry.EmailAddress.Select(ch => char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_' or '@' ? ch : '_'));
        var content = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(entry, BackupJson.Options.TypeInfo<CustomerSuppression>());
        return await WriteNewAsync($"{entry.CustomerCode}-suppression-{safeAddress}-{Stamp(time.GetUtcNow())}", content, ct);
    }

    /// <summary>Writes the backup under a new name (never over another backup), atomically.</summary>
    public async Task<BackupInfo> WriteAsync(ContactListBackup backup, CancellationToken ct)
    {
        var path = await WriteNewAsync($"{backup.CustomerCode}-{backup.ContactList.ContactListName}-{Stamp(backup.TakenAt)}", backup.ToJson(), ct);
        return Info(backup, path);
    }

    private static BackupInfo Info(ContactListBackup backup, string path) =>
        new(backup.CustomerCode, backup.ContactList.ContactListName, path, backup.ContactList.Topics.Count, backup.Contacts.Count, backup.TakenAt, backup.Reason);

    private Task<string> WriteNewAsync(string stem, byte[] content, CancellationToken ct) => BackupFiles.WriteNewAsync(Directory, stem, content, ct);

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
