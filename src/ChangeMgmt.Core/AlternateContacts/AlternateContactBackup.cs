using System.Text.Json;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// The alternate contacts of the accounts a command was about to change, taken before it changed anything (a contact
/// null where the account had none, so a restore removes what was added). Carries the SHA-256 of its content, checked
/// when read: an edited or damaged file is refused before a restore writes anything.
/// </summary>
public sealed record AlternateContactBackup(string Format, DateTimeOffset TakenAt, string? Reason, IReadOnlyList<AccountContact> Contacts, string? Sha256 = null)
{
    public const string CurrentFormat = "changemgmt-alternate-contacts-backup/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter<AlternateContactType>() },
        TypeInfoResolver = AlternateContactJsonContext.Default,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this with { Sha256 = ContentHash() }, Json.TypeInfo<AlternateContactBackup>());

    public async Task<string> WriteAsync(string directory, CancellationToken ct) =>
        await BackupFiles.WriteNewAsync(directory, $"alternate-contacts-{string.Join("-", Contacts.Select(c => c.CustomerCode).Distinct())}-{ContactListBackups.Stamp(TakenAt)}", ToJson(), ct);

    public static AlternateContactBackup Read(string path)
    {
        AlternateContactBackup? backup;
        try
        {
            backup = JsonSerializer.Deserialize(File.ReadAllBytes(path), Json.TypeInfo<AlternateContactBackup>());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not an alternate contacts backup ({ex.Path}: {ex.Message}). Use a file written by Set- or Remove-AwsAlternateContact.", ex);
        }
        if (backup?.Format != CurrentFormat || backup.Contacts is null)
            throw new InvalidDataException($"{path}: format is '{backup?.Format}', expected '{CurrentFormat}' with contacts. Use a file written by Set- or Remove-AwsAlternateContact.");
        if (backup.Sha256 != backup.ContentHash())
            throw new BackupTamperedException($"{path}: the backup was changed since it was written (its sha256 does not match its content); it is not restored. Use an unchanged backup file.");
        return backup;
    }

    private string ContentHash() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this with { Sha256 = null }, Json.TypeInfo<AlternateContactBackup>())));
}
