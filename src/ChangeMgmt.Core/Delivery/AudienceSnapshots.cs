using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// The audiences of deliveries still under way, kept in the process for their continuations: a continuation that
/// lands in the same (warm) process sends to the audience the delivery started with instead of reading the whole
/// contact list again (SES answers list calls at 1 a second: 50 pages for 50,000 contacts). A first attempt always
/// reads afresh. Bounded to the most recent few; a delivery's entry goes when it completes.
/// </summary>
internal sealed class AudienceSnapshots(int capacity = 4)
{
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, Audience Audience)> recent = new();
    private readonly ContactListNames listNames = new();

    public async Task<Audience> ReadAsync(ISesAccount account, CustomerConfig customer, Change change, bool continuation, CancellationToken ct)
    {
        var key = Key(customer, change);
        lock (gate)
            if (continuation && recent.FirstOrDefault(e => e.Key == key) is { Audience: { } kept })
                return kept;
        var audience = await AudienceReader.ReadAsync(account, customer, ct, listNames);
        lock (gate)
        {
            Remove(key);
            recent.AddFirst((key, audience));
            while (recent.Count > capacity) recent.RemoveLast();
        }
        return audience;
    }

    public void Forget(CustomerConfig customer, Change change)
    {
        lock (gate) Remove(Key(customer, change));
    }

    private void Remove(string key)
    {
        for (var node = recent.First; node is not null; node = node.Next)
            if (node.Value.Key == key)
            {
                recent.Remove(node);
                return;
            }
    }

    private static string Key(CustomerConfig customer, Change change) => $"{customer.CustomerCode}\n{change.ChangeId}\n{change.Version}";
}
