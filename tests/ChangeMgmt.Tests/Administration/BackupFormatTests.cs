using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Administration;

/// <summary>
/// Backup files written through generated metadata are byte for byte what the previous release wrote by reflection with
/// its options (below), and a file it wrote reads with its hash holding.
/// </summary>
public sealed class BackupFormatTests : AdminWorldTests
{
    private static readonly JsonSerializerOptions PreviousRelease = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    private static readonly DateTimeOffset At = new(2026, 11, 30, 14, 0, 0, 123, TimeSpan.Zero);

    private static readonly ContactListBackup Backup = new(ContactListBackup.CurrentFormat, "acme", At, "before \"restore\" <é>",
        new SesContactList("changemgmt", "Acme's list",
            [new SesTopic("aws-announce", "Announcements", "What & when", SubscriptionStatus.OptIn), new SesTopic("aws-calendar", "Calendar", "", SubscriptionStatus.OptOut)],
            At.AddDays(-30)),
        [
            new SesContact("zoe@acme.example", [new TopicPreference("aws-announce", SubscriptionStatus.OptOut)], UnsubscribeAll: true,
                AttributesData: """{"managedBy":"changemgmt-identity-import"}""", CreatedTimestamp: At.AddDays(-2), LastUpdatedTimestamp: At.AddHours(-1)),
            new SesContact("amir@acme.example", []),
        ]);

    private static byte[] PreviouslyWritten(ContactListBackup backup) =>
        JsonSerializer.SerializeToUtf8Bytes(backup with
        {
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(backup with { Sha256 = null }, PreviousRelease))),
        }, PreviousRelease);

    [Fact]
    public void A_contact_list_backup_is_written_as_the_previous_release_wrote_it()
    {
        Assert.Equal(Text(PreviouslyWritten(Backup)), Text(Backup.ToJson()));
    }

    [Fact]
    public void A_contact_list_backup_the_previous_release_wrote_reads_back_whole_with_its_hash_checked()
    {
        var path = Path.Combine(World.Backups.Directory, "previous.json");
        Directory.CreateDirectory(World.Backups.Directory);
        File.WriteAllBytes(path, PreviouslyWritten(Backup));

        var read = ContactListBackup.Read(path);

        Assert.Equal(Text(File.ReadAllBytes(path)), Text(read.ToJson()));
        Assert.Equal(SubscriptionStatus.OptOut, read.Contacts[0].TopicPreferences[0].SubscriptionStatus);
        Assert.Equal((At.AddDays(-2), null), (read.Contacts[0].CreatedTimestamp, read.Contacts[1].CreatedTimestamp));
    }

    [Fact]
    public async Task A_suppression_entry_is_kept_as_the_previous_release_kept_it()
    {
        var entry = new CustomerSuppression("acme", "zoe@acme.example", SuppressionReason.Complaint, At);

        var path = await World.Backups.WriteSuppressionAsync(entry, default);

        Assert.Equal(Text(JsonSerializer.SerializeToUtf8Bytes(entry, PreviousRelease)), Text(await File.ReadAllBytesAsync(path)));
        Assert.Contains("\"reason\": \"COMPLAINT\"", await File.ReadAllTextAsync(path));
    }

    private static string Text(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8);
}
