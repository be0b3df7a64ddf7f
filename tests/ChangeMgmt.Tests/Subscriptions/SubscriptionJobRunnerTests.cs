using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Tests.Local;

namespace ChangeMgmt.Tests.Subscriptions;

/// <summary>A job another runner holds is left alone; one whose runner stopped is resumed at its first row not done.</summary>
public sealed class SubscriptionJobRunnerTests : IDisposable
{
    private readonly LocalFixture local = new(o => o with { Time = TimeProvider.System });
    private readonly LoadedConfig config = ConfigLoader.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json"));
    private readonly SubscriptionJobs jobs;
    private readonly SubscriptionJobRunner runner;

    public SubscriptionJobRunnerTests()
    {
        jobs = new SubscriptionJobs(local.Adapters.Objects, TimeProvider.System);
        var backups = new SubscriptionBackups(local.Adapters.Objects, new ContactListBackups(local.Adapters.SesAccounts, local.DataDirectory, TimeProvider.System));
        runner = new SubscriptionJobRunner(jobs, local.Adapters.SesAccounts, backups, config, TimeProvider.System);
    }

    public void Dispose() => local.Dispose();

    private async Task<SubscriptionJob> QueueAsync(int rows)
    {
        await local.Adapters.SesAccounts.ForCustomer("acme").CreateContactListAsync(
            new SesContactList("changemgmt", null, [new SesTopic("aws-announce", "Announcements", "", SubscriptionStatus.OptOut)]), default);
        return await jobs.QueueAsync("acme", [.. Enumerable.Range(0, rows).Select(i => new ImportRow(i + 2, $"row-{i}@acme.example", ["aws-announce"], ImportAction.Set))], "tester", default);
    }

    /// <summary>The job as a runner left it: <paramref name="done"/> rows worked, its lease until <paramref name="leaseUntil"/>.</summary>
    private async Task LeaveAsync(SubscriptionJob job, int done, DateTimeOffset leaseUntil)
    {
        var key = SubscriptionKeys.Job("acme", job.JobId);
        var stored = (await local.Adapters.Objects.GetAsync(key, default))!;
        var left = job with { Status = SubscriptionJob.Running, Done = done, StartedAt = DateTimeOffset.UtcNow, LeaseUntil = leaseUntil, Backup = "subscriptions/acme/backups/earlier.json" };
        await jobs.SaveAsync(left, stored.ETag, default);
    }

    [Fact]
    public async Task A_stopped_runners_job_is_resumed_at_the_first_row_not_done()
    {
        var job = await QueueAsync(4);
        await LeaveAsync(job, done: 2, leaseUntil: DateTimeOffset.UtcNow.AddSeconds(-1));
        var writes = new List<JobWrite>();

        await runner.RunAsync(TimeSpan.FromSeconds(30), writes.Add, default);

        Assert.Equal(["row-2@acme.example", "row-3@acme.example"], writes.Select(w => w.Email));
        var done = await jobs.GetAsync("acme", job.JobId, default);
        Assert.Equal(("done", 4, "subscriptions/acme/backups/earlier.json"), (done.Status, done.Done, done.Backup));
    }

    [Fact]
    public async Task A_job_another_runner_holds_is_left_alone()
    {
        var job = await QueueAsync(2);
        await LeaveAsync(job, done: 0, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(5));
        var writes = new List<JobWrite>();

        Assert.Equal(0, await runner.RunAsync(TimeSpan.FromSeconds(30), writes.Add, default));

        Assert.Empty(writes);
        Assert.Equal(0, (await jobs.GetAsync("acme", job.JobId, default)).Done);
    }
}
