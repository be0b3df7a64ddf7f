using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// SES accounts as the original Go tool left them (moto): each holds one contact list under a name of its
/// own and config.json names none; one account has no list at all. The lists are found; the account
/// without one fails at once with who, where, what was looked for and the fix, and the others are delivered.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ExistingSesAccountsTests(MotoServer moto) : AwsWorldTests(moto)
{
    protected override AwsWorld CreateWorld() => new(Moto, new Dictionary<string, string?>
    {
        ["acme"] = "ChangeNotifications", ["globex"] = "customer-updates", ["initech"] = null,
    });

    [Fact]
    public async Task Lists_under_other_names_are_used_and_an_account_without_one_fails_with_the_fix_while_the_others_are_delivered()
    {
        var changes = new ChangeService(World.Adapters.Objects, World.Config.Config, TimeProvider.System);
        var draft = await changes.CreateAsync(DeliveryThroughAwsTests.Change("acme", "globex", "initech"), "jane@msp.example", default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "jane@msp.example", 1, default);
        await DrainAllAsync();
        var approved = (await changes.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "joe@msp.example", 2, default)).Change;
        await DrainAllAsync();

        var sent = await DeliveryThroughAwsTests.SentAsync(Moto);
        Assert.Equal(["ann@acme.example", "ann@acme.example", "ann@acme.example", "ben@acme.example", "hal@globex.example", "hal@globex.example", "hal@globex.example"],
            sent.Select(m => m.To).Order());

        var status = (await new DeliveryStatusReader(World.Adapters.Ledger, World.Adapters.DeadLetters, World.Adapters.Objects).ReadAsync(approved, default))
            .ToDictionary(s => s.Customer);
        Assert.Equal(CustomerDeliveryState.Sent, status["acme"].State);
        Assert.Equal(CustomerDeliveryState.Sent, status["globex"].State);
        Assert.Equal(CustomerDeliveryState.Failed, status["initech"].State);
        foreach (var part in new[] { "initech", "SES account 110000000003", "region us-east-1", "has no contact list", "lists there: none", "New-SesContactList -Customer initech" })
            Assert.Contains(part, status["initech"].Error);
        // Not retried: the message is done, nothing waits in initech's queue and nothing was dead-lettered.
        Assert.Empty(await World.Adapters.Queue.ReceiveAsync("initech", 10, TimeSpan.FromSeconds(30), TimeSpan.Zero, default));
        Assert.Empty(await World.Adapters.DeadLetters.ListAsync(null, default));
    }

    private Task DrainAllAsync() =>
        Task.WhenAll(AwsWorld.Customers.Keys.Select(code => World.Worker.DrainAsync(code, DeliveryOptions.Send, default)));
}
