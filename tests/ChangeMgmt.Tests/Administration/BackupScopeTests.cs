using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class BackupScopeTests : AdminWorldTests
{
    private static Task<(BackupInfo Backup, bool New)[]> EnsureAtOnceAsync(BackupScope scope, int callers, params CustomerConfig[] customers) =>
        AtOnce.RunAsync(callers, i => scope.EnsureAsync(customers[i % customers.Length], ListName, default));

    [Fact]
    public async Task Twenty_concurrent_calls_take_one_backup_per_customer_list_and_report_it_new_once()
    {
        await World.CreateListAsync(Acme);
        await World.CreateListAsync(Globex);
        var scope = new BackupScope(World.Backups, "before Remove-SesContact");

        var results = await EnsureAtOnceAsync(scope, 20, Acme, Globex);

        foreach (var code in new[] { "acme", "globex" })
        {
            var mine = results.Where(r => r.Backup.CustomerCode == code).ToList();
            Assert.Equal(10, mine.Count);
            Assert.Single(mine.Select(r => r.Backup).Distinct());
            Assert.Single(mine, r => r.New);
        }
        Assert.Equal(results.Select(r => r.Backup.Path).Distinct().Order(StringComparer.Ordinal), World.BackupFiles());
        Assert.Equal("before Remove-SesContact", ContactListBackup.Read(World.BackupFiles()[0]).Reason);
    }

    [Fact]
    public async Task Concurrent_calls_report_new_exactly_once_every_time()
    {
        const int Rounds = 1000;
        await World.CreateListAsync(Acme);

        for (var round = 0; round < Rounds; round++)
        {
            World.Clock.Advance(TimeSpan.FromMilliseconds(1));
            var results = await EnsureAtOnceAsync(new BackupScope(World.Backups, "round"), 20, Acme);

            Assert.True(results.Count(r => r.New) == 1, $"round {round}: {results.Count(r => r.New)} of 20 callers were told the backup was new.");
        }
        Assert.Equal(Rounds, World.BackupFiles().Length);
    }

    [Fact]
    public async Task A_backup_that_failed_is_taken_again_on_the_next_call()
    {
        var scope = new BackupScope(World.Backups, "before Set-SesContactSubscription");

        var failed = await Assert.ThrowsAsync<ServiceException>(() => scope.EnsureAsync(Acme, ListName, default));
        Assert.Equal(ServiceErrorKind.NotFound, failed.Kind);
        Assert.Empty(World.BackupFiles());

        await World.CreateListAsync(Acme);
        var (backup, isNew) = await scope.EnsureAsync(Acme, ListName, default);
        var again = await scope.EnsureAsync(Acme, ListName, default);

        Assert.True(isNew);
        Assert.Equal([backup.Path], World.BackupFiles());
        Assert.Equal((backup, false), again);
    }
}
