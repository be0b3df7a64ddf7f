using System.Text.Json;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>
/// A contact list as it was: its topics and every contact with its preferences. The file format; since format 2 it
/// carries the SHA-256 of its content (<see cref="Sha256"/>), checked when it is read, so an edited or damaged file is
/// refused before a restore writes anything. The hash has no key: it detects edits and damage, not a forger who
/// recomputes it; keep backups where only administrators can write.
/// </summary>
public sealed record ContactListBackup(
    string Format,
    string CustomerCode,
    DateTimeOffset TakenAt,
    string? Reason,
    SesContactList ContactList,
    IReadOnlyList<SesContact> Contacts,
    string? Sha256 = null)
{
    public const string CurrentFormat = "changemgmt-contact-list-backup/2";

    /// <summary>Backups written before the hash; read as they are, without a check.</summary>
    public const string UnhashedFormat = "changemgmt-contact-list-backup/1";

    private static JsonSerializerOptions Json => BackupJson.Options;

    /// <summary>The file's content, with the hash of everything else in it.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this with { Sha256 = ContentHash() }, Json.TypeInfo<ContactListBackup>());

    /// <summary>Reads a backup file; a file that is not one, or was changed since it was written, names itself and what is wrong.</summary>
    public static ContactListBackup Read(string path)
    {
        ContactListBackup? backup;
        try
        {
            backup = JsonSerializer.Deserialize(File.ReadAllBytes(path), Json.TypeInfo<ContactListBackup>());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a contact list backup ({ex.Path}: {ex.Message}). Use a file written by Backup-SesContactList.", ex);
        }
        if (backup is null || backup.Format is not (CurrentFormat or UnhashedFormat))
            throw new InvalidDataException($"{path}: format is '{backup?.Format}', expected '{CurrentFormat}'. Use a file written by Backup-SesContactList.");
        if (string.IsNullOrWhiteSpace(backup.CustomerCode) || backup.ContactList is null || backup.Contacts is null)
            throw new InvalidDataException($"{path}: customerCode, contactList and contacts are required.");
        if (Problem(backup) is { } problem)
            throw new InvalidDataException($"{path}: {problem}. Use a file written by Backup-SesContactList.");
        if (backup.Format == CurrentFormat && backup.Sha256 != backup.ContentHash())
            throw new BackupTamperedException($"{path}: the backup was changed since it was written (its sha256 does not match its content); it is not restored. Use an unchanged backup file.");
        return backup;
    }

    /// <summary>SHA-256 (lower-case hex) of the backup as written without its hash.</summary>
    private string ContentHash() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this with { Sha256 = null }, Json.TypeInfo<ContactListBackup>())));

    /// <summary>The first nested field a restore would need and the file lacks.</summary>
    private static string? Problem(ContactListBackup backup)
    {
        if (string.IsNullOrWhiteSpace(backup.ContactList.ContactListName)) return "contactList.contactListName is required";
        if (backup.ContactList.Topics is null) return "contactList.topics is required";
        for (var i = 0; i < backup.ContactList.Topics.Count; i++)
            if (backup.ContactList.Topics[i] is not { TopicName.Length: > 0 }) return $"contactList.topics[{i}].topicName is required";
        for (var i = 0; i < backup.Contacts.Count; i++)
        {
            if (backup.Contacts[i] is not { EmailAddress.Length: > 0 } contact) return $"contacts[{i}].emailAddress is required";
            if (contact.TopicPreferences is null) return $"contacts[{i}].topicPreferences is required";
        }
        return null;
    }
}

/// <summary>A backup file whose content no longer matches the hash written with it.</summary>
public sealed class BackupTamperedException(string message) : Exception(message);

/// <summary>Where a backup was written and what it holds.</summary>
public sealed record BackupInfo(string CustomerCode, string ContactListName, string Path, int Topics, int Contacts, DateTimeOffset TakenAt, string? Reason);
