using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class ContactListBackupTests : AdminWorldTests
{
    private async Task SeedAsync()
    {
        await World.CreateListAsync(Acme);
        await World.AddAsync(Acme, "zoe@acme.example", In("aws-approval"), Out("general-updates"));
        await World.AddAsync(Acme, "Amir@acme.example");
        await World.Account(Acme).CreateContactAsync(ListName, new SesContact("mo@acme.example", [In("aws-calendar")], UnsubscribeAll: true), default);
    }

    [Fact]
    public async Task A_backup_file_reads_back_as_the_list_was_topics_contacts_and_preferences()
    {
        await SeedAsync();

        var info = await World.Backups.TakeAsync(Acme, ListName, "by hand", default);
        var backup = ContactListBackup.Read(info.Path);

        Assert.Equal(Path.Combine(World.Backups.Directory, "acme-changemgmt-20261130T140000000Z.json"), info.Path);
        Assert.Equal(("acme", ListName, 5, 3, World.Clock.GetUtcNow(), "by hand"),
            (info.CustomerCode, info.ContactListName, info.Topics, info.Contacts, info.TakenAt, info.Reason));
        Assert.Equal((ContactListBackup.CurrentFormat, "acme", World.Clock.GetUtcNow(), "by hand"),
            (backup.Format, backup.CustomerCode, backup.TakenAt, backup.Reason));
        Assert.Equal(World.Lists.ConfiguredTopics(), backup.ContactList.Topics);
        ListState.Equal(await World.StateAsync(Acme), ListState.Of(backup));
        Assert.Equal(["Amir@acme.example", "mo@acme.example", "zoe@acme.example"], backup.Contacts.Select(c => c.EmailAddress));
        var text = await File.ReadAllTextAsync(info.Path);
        Assert.Contains("\"subscriptionStatus\": \"OPT_OUT\"", text);
        Assert.DoesNotContain("topicDefaultPreferences", text);
    }

    [Fact]
    public async Task Two_backups_in_the_same_millisecond_get_their_own_files()
    {
        await SeedAsync();
        var first = await World.Backups.TakeAsync(Acme, ListName, null, default);
        await World.AddAsync(Acme, "late@acme.example");

        var second = await World.Backups.TakeAsync(Acme, ListName, null, default);

        Assert.Equal(first.TakenAt, second.TakenAt);
        Assert.Equal(first.Path.Replace(".json", "-2.json", StringComparison.Ordinal), second.Path);
        Assert.Equal(new[] { first.Path, second.Path }.Order(StringComparer.Ordinal), World.BackupFiles());
        Assert.Equal(3, ContactListBackup.Read(first.Path).Contacts.Count);
        Assert.Equal(4, ContactListBackup.Read(second.Path).Contacts.Count);
    }

    [Fact]
    public async Task Backups_taken_at_once_in_the_same_millisecond_all_get_their_own_files()
    {
        await SeedAsync();
        var snapshot = await World.Backups.SnapshotAsync(Acme, ListName, null, default);
        var taken = new List<BackupInfo>();

        for (var round = 0; round < 150; round++)
        {
            var at = snapshot with { TakenAt = snapshot.TakenAt.AddMilliseconds(round) };
            taken.AddRange(await AtOnce.RunAsync(8, _ => World.Backups.WriteAsync(at, default)));
        }

        Assert.Equal(1200, taken.Select(i => i.Path).Distinct().Count());
        Assert.Equal(taken.Select(i => i.Path).Order(StringComparer.Ordinal), World.BackupFiles());
        Assert.All(taken, i => Assert.Equal(3, ContactListBackup.Read(i.Path).Contacts.Count));
    }

    public static TheoryData<string, string> NotBackups => new()
    {
        { "{ \"format\": \"changemgmt-contact-list-backup/1\", ", "not a contact list backup" },
        { "[1, 2, 3]", "not a contact list backup" },
        { "null", "format is ''" },
        { "{ \"format\": \"changemgmt-contact-list-backup/0\", \"customerCode\": \"acme\", \"contactList\": { \"contactListName\": \"x\", \"topics\": [] }, \"contacts\": [] }", "format is 'changemgmt-contact-list-backup/0'" },
        { "{ \"format\": \"changemgmt-contact-list-backup/1\", \"customerCode\": \"acme\", \"contactList\": { \"contactListName\": \"x\", \"topics\": [] } }", "contacts are required" },
        { "{ \"format\": \"changemgmt-contact-list-backup/1\", \"contactList\": { \"contactListName\": \"x\", \"topics\": [] }, \"contacts\": [] }", "customerCode" },
        { "{ \"format\": \"changemgmt-contact-list-backup/1\", \"customerCode\": \"acme\", \"contactList\": { \"contactListName\": \"x\" }, \"contacts\": [] }", "topics" },
        { "{ \"format\": \"changemgmt-contact-list-backup/1\", \"customerCode\": \"acme\", \"contactList\": { \"contactListName\": \"x\", \"topics\": [] }, \"contacts\": [{ \"emailAddress\": \"jane@acme.example\" }] }", "topicPreferences" },
    };

    [Theory]
    [MemberData(nameof(NotBackups))]
    public void A_file_that_is_not_a_backup_is_invalid_data_naming_the_file(string content, string problem)
    {
        using var directory = new ChangeMgmt.Testing.TempDirectory();
        var path = directory.Write("acme-changemgmt.json", content);

        var ex = Assert.Throws<InvalidDataException>(() => ContactListBackup.Read(path));

        Assert.StartsWith($"{path}: ", ex.Message);
        Assert.Contains(problem, ex.Message);
    }
}
