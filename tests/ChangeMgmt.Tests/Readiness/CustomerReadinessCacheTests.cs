using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;
using ChangeMgmt.Tests.Administration;

namespace ChangeMgmt.Tests.Readiness;

/// <summary>The portal's readiness: read once per customer for a few minutes, and unknown (never an error) when it cannot be read.</summary>
public sealed class CustomerReadinessCacheTests : AdminWorldTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private CustomerReadinessCache Cache(ISesAccountProvider? accounts = null) =>
        new(AdminWorld.Config.Email, accounts ?? World.Adapters.SesAccounts, World.Clock);

    private async Task ReadyAcmeAsync()
    {
        var setup = new SesAccountSetup(AdminWorld.Config, World.Adapters.SesAccounts, World.Lists, World.Topics);
        await setup.ApplyAsync(await setup.PlanAsync(AdminWorld.Acme, requestProductionAccess: true, None), None);
    }

    [Fact]
    public async Task A_customer_is_checked_once_per_lifetime_and_again_after_it()
    {
        var cache = Cache();
        var first = await cache.ReadAsync(AdminWorld.Acme, None);
        Assert.Equal((false, "ProductionAccess"), (first.Ready, first.FirstFailure!.Check));

        await ReadyAcmeAsync();
        World.Clock.Advance(cache.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Same(first, await cache.ReadAsync(AdminWorld.Acme, None));

        World.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = await cache.ReadAsync(AdminWorld.Acme, None);
        Assert.Equal((true, null), (again.Ready, again.FirstFailure));
        Assert.Equal(World.Clock.GetUtcNow(), again.CheckedAt);
    }

    [Fact]
    public async Task A_customer_whose_account_cannot_be_reached_is_unknown_and_asked_again_sooner()
    {
        var accounts = new Unreachable(World.Adapters.SesAccounts) { Down = true };
        var cache = Cache(accounts);

        var states = await cache.ReadAsync([AdminWorld.Acme], None);

        var unknown = Assert.Single(states);
        Assert.Null(unknown.Ready);
        Assert.Equal(CheckStatus.Unknown, unknown.FirstFailure!.Status);
        Assert.Contains("role assumption refused", unknown.FirstFailure.Detail);
        accounts.Down = false;
        World.Clock.Advance(cache.UnknownLifetime - TimeSpan.FromSeconds(1));
        Assert.Null((await cache.ReadAsync(AdminWorld.Acme, None)).Ready);
        World.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await cache.ReadAsync(AdminWorld.Acme, None)).Ready);
    }

    [Fact]
    public async Task A_change_warns_of_a_customer_not_ready_and_of_one_that_could_not_be_checked_naming_each()
    {
        var accounts = new Unreachable(World.Adapters.SesAccounts) { DownFor = "globex" };
        var warnings = new ReadinessWarnings(AdminWorld.Config.Config, Cache(accounts));

        var found = await warnings.CheckAsync(new Change { Customers = ["acme", "globex", "not-configured"] }, None);

        Assert.Equal([("not_ready", "acme"), ("readiness_unknown", "globex")], found.Select(w => (w.Code, w.CustomerCode!)));
        Assert.StartsWith("Notices to acme would not be delivered: ProductionAccess — in the SES sandbox", found[0].Message);
        Assert.Contains("Fix: Run Initialize-SesAccount -Customer acme -RequestProductionAccess", found[0].Message);
        Assert.All(found, w => Assert.Equal("customers", w.Field));
    }

    private sealed class Unreachable(ISesAccountProvider inner) : ISesAccountProvider
    {
        public bool Down { get; set; }
        public string? DownFor { get; init; }

        public ISesAccount ForCustomer(string customerCode) =>
            Down || customerCode == DownFor ? throw new InvalidOperationException($"{customerCode}: role assumption refused") : inner.ForCustomer(customerCode);
    }
}
