using System.Text.Json.Nodes;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class ContactListRestorerTests : AdminWorldTests
{
    /// <summary>A list of four contacts, backed up; returns the backup as read from its file.</summary>
    private async Task<(ContactListBackup Backup, string Path)> BackedUpAsync()
    {
        await World.CreateListAsync(Acme);
        await World.AddAsync(Acme, "same@acme.example", In("aws-approval"));
        await World.AddAsync(Acme, "deleted@acme.example", In("aws-calendar"), Out("aws-announce"));
        await World.AddAsync(Acme, "changed@acme.example", In("aws-approval"), In("finops-announce"));
        await World.AddAsync(Acme, "toggled@acme.example", Out("general-updates"));
        var info = await World.Backups.TakeAsync(Acme, ListName, "by hand", default);
        World.Clock.Advance(TimeSpan.FromMinutes(5));
        return (ContactListBackup.Read(info.Path), info.Path);
    }

    [Fact]
    public async Task Restore_puts_back_topics_and_every_contact_exactly_and_counts_what_it_did()
    {
        var (backup, path) = await BackedUpAsync();
        var account = World.Account(Acme);
        var topics = backup.ContactList.Topics.Where(t => t.TopicName != "finops-announce")
            .Select(t => t.TopicName == "aws-announce" ? t with { DisplayName = "Renamed" } : t)
            .Append(new SesTopic("legacy-news", "Legacy", "Retired", SubscriptionStatus.OptIn)).ToList();
        await account.UpdateContactListAsync(new SesContactList(ListName, "edited", topics), default);
        await World.AddAsync(Acme, "added@acme.example", In("legacy-news"));
        await account.DeleteContactAsync(ListName, "deleted@acme.example", default);
        await account.UpdateContactAsync(ListName, new SesContact("changed@acme.example", [Out("aws-approval"), In("aws-calendar")]), default);
        await account.UpdateContactAsync(ListName, new SesContact("toggled@acme.example", [Out("general-updates")], UnsubscribeAll: true), default);
        var beforeRestore = await World.StateAsync(Acme);

        var result = await World.Restorer.RestoreAsync(Acme, backup, path, null, default);

        ListState.Equal(ListState.Of(backup), await World.StateAsync(Acme));
        Assert.Equal((false, 1, 2, 1, 1), (result.ListCreated, result.Created, result.Updated, result.Removed, result.Unchanged));
        Assert.Equal(("acme", ListName, path), (result.CustomerCode, result.ContactListName, result.BackupPath));
        Assert.NotNull(result.PreRestoreBackupPath);
        Assert.Equal([path, result.PreRestoreBackupPath], World.BackupFiles());
        var preRestore = ContactListBackup.Read(result.PreRestoreBackupPath);
        ListState.Equal(beforeRestore, ListState.Of(preRestore));
        Assert.Equal($"before Restore-SesContactList {Path.GetFileName(path)}", preRestore.Reason);
    }

    [Fact]
    public async Task Restoring_again_changes_nothing()
    {
        var (backup, path) = await BackedUpAsync();

        var result = await World.Restorer.RestoreAsync(Acme, backup, path, null, default);

        Assert.Equal((0, 0, 0, 4), (result.Created, result.Updated, result.Removed, result.Unchanged));
        ListState.Equal(ListState.Of(backup), await World.StateAsync(Acme));
    }

    [Fact]
    public async Task An_address_that_differs_only_in_case_is_updated_not_recreated()
    {
        var (backup, path) = await BackedUpAsync();
        var account = World.Account(Acme);
        await account.DeleteContactAsync(ListName, "same@acme.example", default);
        await World.AddAsync(Acme, "SAME@acme.example", Out("aws-approval"));

        var result = await World.Restorer.RestoreAsync(Acme, backup, path, null, default);

        Assert.Equal((0, 1, 0, 3), (result.Created, result.Updated, result.Removed, result.Unchanged));
        Assert.Equal([In("aws-approval")], (await account.GetContactAsync(ListName, "same@acme.example", default)).TopicPreferences);
    }

    [Fact]
    public async Task A_list_that_no_longer_exists_is_recreated_with_its_contacts_and_nothing_is_backed_up_first()
    {
        var (backup, path) = await BackedUpAsync();
        await World.Lists.RemoveAsync(Acme, ListName, default);
        var files = World.BackupFiles();

        var result = await World.Restorer.RestoreAsync(Acme, backup, path, null, default);

        Assert.Equal((true, 4, 0, 0, 0), (result.ListCreated, result.Created, result.Updated, result.Removed, result.Unchanged));
        Assert.Null(result.PreRestoreBackupPath);
        Assert.Equal(files, World.BackupFiles());
        ListState.Equal(ListState.Of(backup), await World.StateAsync(Acme));
    }

    [Fact]
    public async Task A_backup_file_with_a_contact_missing_its_preferences_is_refused_before_anything_changes()
    {
        var (_, path) = await BackedUpAsync();
        var edited = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        edited["contacts"]![2]!.AsObject().Remove("topicPreferences");
        var editedPath = Path.Combine(Path.GetDirectoryName(path)!, "edited.json");
        await File.WriteAllTextAsync(editedPath, edited.ToJsonString());
        await World.Account(Acme).UpdateContactAsync(ListName, new SesContact("changed@acme.example", [Out("aws-approval")]), default);
        await World.AddAsync(Acme, "added@acme.example");
        var before = await World.StateAsync(Acme);

        var ex = await Record.ExceptionAsync(() => World.Restorer.RestoreAsync(Acme, ContactListBackup.Read(editedPath), editedPath, null, default));

        Assert.IsType<InvalidDataException>(ex);
        Assert.Contains(editedPath, ex.Message);
        ListState.Equal(before, await World.StateAsync(Acme));
    }

    [Fact]
    public async Task Another_customers_backup_is_refused_and_changes_nothing()
    {
        var (backup, path) = await BackedUpAsync();
        await World.CreateListAsync(Globex);
        await World.AddAsync(Globex, "ops@globex.example", In("aws-approval"));
        var globex = await World.StateAsync(Globex);
        var files = World.BackupFiles();

        var ex = await Assert.ThrowsAsync<ServiceException>(() => World.Restorer.RestoreAsync(Globex, backup, path, null, default));

        Assert.Equal((ServiceErrorKind.Validation, "BackupCustomerMismatch", "globex"), (ex.Kind, ex.ErrorCode, ex.CustomerCode));
        Assert.Contains("backup of customer 'acme', not 'globex'", ex.Message);
        ListState.Equal(globex, await World.StateAsync(Globex));
        Assert.Equal(files, World.BackupFiles());
    }
}
