using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Readiness;
using ChangeMgmt.Local;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// The local server's first start seeds every demo customer's SES account ready except umbrella: the portal's
/// customers and the cmdlets' check (Core's DeliverabilityCheck over the same data directory) both say so.
/// </summary>
public sealed class SeededReadinessTests
{
    [Fact]
    public async Task The_seeded_server_shows_umbrella_not_ready_in_the_api_and_in_the_check_and_the_others_ready()
    {
        await using var server = await LocalServer.StartAsync();

        var customers = (await server.GetJsonAsync("/api/customers"))["items"]!.AsArray()
            .ToDictionary(c => (string)c!["code"]!, c => (bool?)c!["readiness"]!["ready"]);
        Assert.False(customers["umbrella"]);
        Assert.All(customers.Where(c => c.Key != "umbrella"), c => Assert.True(c.Value, c.Key));

        var config = ConfigLoader.Load(server.ConfigPath);
        using var adapters = new LocalAdapters(server.DataDirectory, LocalBackend.BucketName(config));
        var check = new DeliverabilityCheck(config.Email, adapters.SesAccounts);
        var umbrella = await check.ReadinessAsync(config.Config.FindCustomer("umbrella")!, default);
        Assert.Equal((false, "ProductionAccess"), (umbrella.Ready, umbrella.FirstFailure?.Check));
        Assert.True((await check.ReadinessAsync(config.Config.FindCustomer("acme")!, default)).Ready);
    }
}
