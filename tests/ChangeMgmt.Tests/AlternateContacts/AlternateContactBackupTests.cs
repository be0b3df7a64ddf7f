using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.AlternateContacts;

namespace ChangeMgmt.Tests.AlternateContacts;

public sealed class AlternateContactBackupTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static AlternateContactBackup Backup() => new(AlternateContactBackup.CurrentFormat, DateTimeOffset.Parse("2026-12-07T03:00:00Z"), "test",
    [
        new("acme", "210000000001", "acme-management", true, AlternateContactType.Billing, new("Acme Finance", "CFO", "finance@acme.example", "+14155550100")),
        new("acme", "210000000001", "acme-management", true, AlternateContactType.Security, null),
    ]);

    [Fact]
    public async Task A_written_backup_reads_back_with_absent_contacts_kept_as_absent()
    {
        var path = await Backup().WriteAsync(temp.Path, CancellationToken.None);

        var read = AlternateContactBackup.Read(path);

        Assert.Equal(Backup().Contacts, read.Contacts);
        Assert.Matches("^[0-9a-f]{64}$", read.Sha256!);
    }

    [Fact]
    public async Task An_edited_backup_is_refused_before_anything_is_restored()
    {
        var path = await Backup().WriteAsync(temp.Path, CancellationToken.None);
        File.WriteAllText(path, File.ReadAllText(path).Replace("finance@acme.example", "attacker@evil.example"));

        Assert.Throws<BackupTamperedException>(() => AlternateContactBackup.Read(path));
    }

    [Fact]
    public async Task Two_backups_in_the_same_moment_get_two_files()
    {
        var first = await Backup().WriteAsync(temp.Path, CancellationToken.None);
        var second = await Backup().WriteAsync(temp.Path, CancellationToken.None);

        Assert.NotEqual(first, second);
    }
}
