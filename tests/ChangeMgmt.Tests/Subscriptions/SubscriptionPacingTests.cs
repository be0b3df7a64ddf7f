using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Local;

namespace ChangeMgmt.Tests.Subscriptions;

/// <summary>
/// A local SES account with a management rate: a bulk job's calls keep to it (as the account recorded them, none
/// refused) and the job reaches its total; two processes on one account share its rate.
/// </summary>
public sealed class SubscriptionPacingTests : IDisposable
{
    /// <summary>SES's own management rate per account: about one request a second.</summary>
    private const double Rate = 1;
    private readonly LocalFixture local = new(o => o with { Time = TimeProvider.System, ManagementRequestsPerSecond = Rate });
    private readonly LoadedConfig config = ConfigLoader.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json"));

    public void Dispose() => local.Dispose();

    [Fact]
    public async Task A_bulk_job_keeps_to_the_accounts_management_rate_and_reaches_its_total()
    {
        var account = local.Adapters.SesAccounts.ForCustomer("acme");
        await account.CreateContactListAsync(new SesContactList("changemgmt", null, [new SesTopic("aws-announce", "Announcements", "", SubscriptionStatus.OptOut)]), default);
        var jobs = new SubscriptionJobs(local.Adapters.Objects, TimeProvider.System);
        var backups = new SubscriptionBackups(local.Adapters.Objects, new ContactListBackups(local.Adapters.SesAccounts, local.DataDirectory, TimeProvider.System));
        var runner = new SubscriptionJobRunner(jobs, local.Adapters.SesAccounts, backups, config, TimeProvider.System);
        const int n = 3;
        var rows = Enumerable.Range(0, n).Select(i => new ImportRow(i + 2, $"paced-{i}@acme.example", ["aws-announce"], ImportAction.Set)).ToList();
        var queued = await jobs.QueueAsync("acme", rows, "tester", default);
        var writes = new List<JobWrite>();

        await runner.RunAsync(TimeSpan.FromMinutes(1), writes.Add, default);

        var job = await jobs.GetAsync("acme", queued.JobId, default);
        Assert.Equal(("done", n, 0), (job.Status, job.Done, job.Failed));
        Assert.Equal(n, writes.Count);
        var calls = account.ManagementCalls();
        Assert.True(calls.Count >= 2 * n, $"{calls.Count} calls recorded");
        Assert.DoesNotContain(calls, c => c.Throttled);
        var closest = calls.Zip(calls.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).Min();
        Assert.True(closest >= 1000 / Rate, $"two calls {closest} ms apart");
    }

    [Fact]
    public async Task Another_process_on_the_same_account_keeps_to_the_same_rate()
    {
        using var other = new LocalAdapters(local.DataDirectory, LocalFixture.Bucket, new LocalAdapterOptions { ManagementRequestsPerSecond = Rate });
        var mine = local.Adapters.SesAccounts.ForCustomer("acme");
        var theirs = other.SesAccounts.ForCustomer("acme");

        for (var i = 0; i < 2; i++)
        {
            await mine.ListContactListsAsync(null, default);
            await theirs.ListContactListsAsync(null, default);
        }

        var calls = mine.ManagementCalls();
        Assert.Equal(4, calls.Count);
        Assert.DoesNotContain(calls, c => c.Throttled);
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True((pair.Second.At - pair.First.At).TotalMilliseconds >= 1000 / Rate));
    }
}
