using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>A contact list as it was: its topics and every contact with its preferences. The file format.</summary>
public sealed record ContactListBackup(
    string Format,
    string CustomerCode,
    DateTimeOffset TakenAt,
    string? Reason,
    SesContactList ContactList,
    IReadOnlyList<SesContact> Contacts)
{
    public const string CurrentFormat = "changemgmt-contact-list-backup/1";

    private static JsonSerializerOptions Json => BackupJson.Options;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a backup file; a file that is not one names itself and what is wrong.</summary>
    public static ContactListBackup Read(string path)
    {
        ContactListBackup? backup;
        try
        {
            backup = JsonSerializer.Deserialize<ContactListBackup>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a contact list backup ({ex.Path}: {ex.Message}). Use a file written by Backup-SesContactList.", ex);
        }
        if (backup is null || backup.Format != CurrentFormat)
            throw new InvalidDataException($"{path}: format is '{backup?.Format}', expected '{CurrentFormat}'. Use a file written by Backup-SesContactList.");
        if (string.IsNullOrWhiteSpace(backup.CustomerCode) || backup.ContactList is null || backup.Contacts is null)
            throw new InvalidDataException($"{path}: customerCode, contactList and contacts are required.");
        if (Problem(backup) is { } problem)
            throw new InvalidDataException($"{path}: {problem}. Use a file written by Backup-SesContactList.");
        return backup;
    }

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

/// <summary>Backup files: camelCase, indented, statuses as SES spells them (OPT_IN).</summary>
internal static class BackupJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };
}

/// <summary>Where a backup was written and what it holds.</summary>
public sealed record BackupInfo(string CustomerCode, string ContactListName, string Path, int Topics, int Contacts, DateTimeOffset TakenAt, string? Reason);
