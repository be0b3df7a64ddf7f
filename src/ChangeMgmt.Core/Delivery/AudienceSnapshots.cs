using ChangeMgmt.Core.Customers;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// The audiences of deliveries still under way, kept for their continuations: a continuation sends to the audience
/// its delivery started with instead of reading the whole contact list again (SES answers list calls at 1 a second:
/// 50 pages for 50,000 contacts). Kept in the process (the most recent few) and, once a delivery hands over to a
/// continuation, in the bucket (<see cref="StorageLayout.Audience"/>, gzipped JSON), so a continuation that lands in
/// another instance or a cold process reads it in one call. A first attempt always reads afresh; a delivery's
/// snapshot goes when it completes (the bucket's lifecycle removes one a failure left behind).
/// </summary>
internal sealed class AudienceSnapshots(IObjectStore objects, int capacity = 4)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, TypeInfoResolver = DeliveryJsonContext.Default };
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, Audience Audience, bool Stored)> recent = new();
    private readonly ContactListNames listNames = new();

    public async Task<Audience> ReadAsync(ISesAccount account, CustomerConfig customer, INotice notice, bool continuation, CancellationToken ct)
    {
        var key = StorageLayout.Audience(customer.CustomerCode, notice.Id, notice.Version);
        lock (gate)
            if (continuation && recent.FirstOrDefault(e => e.Key == key) is { Audience: { } kept })
                return kept;
        var stored = continuation ? await LoadAsync(key, ct) : null;
        var audience = stored ?? await AudienceReader.ReadAsync(account, customer, ct, listNames);
        Remember(key, audience, stored is not null);
        return audience;
    }

    /// <summary>A continuation will finish the delivery: the audience goes to the bucket, unless it is there already.</summary>
    public async Task KeepAsync(CustomerConfig customer, INotice notice, CancellationToken ct)
    {
        var key = StorageLayout.Audience(customer.CustomerCode, notice.Id, notice.Version);
        (string Key, Audience Audience, bool Stored) entry;
        lock (gate) entry = recent.FirstOrDefault(e => e.Key == key);
        if (entry.Audience is null || entry.Stored) return;
        await objects.PutAsync(key, Serialize(entry.Audience), WriteCondition.None, ct);
        Remember(key, entry.Audience, stored: true);
    }

    /// <summary>The delivery is complete; a delivery that had continuations had its audience in the bucket.</summary>
    public async Task ForgetAsync(CustomerConfig customer, INotice notice, bool continued, CancellationToken ct)
    {
        var key = StorageLayout.Audience(customer.CustomerCode, notice.Id, notice.Version);
        lock (gate) Remove(key);
        if (continued) await objects.DeleteAsync(key, ct);
    }

    private async Task<Audience?> LoadAsync(string key, CancellationToken ct)
    {
        if (await objects.GetAsync(key, ct) is not { } found) return null;
        using var zipped = new GZipStream(new MemoryStream(found.Content), CompressionMode.Decompress);
        var snapshot = await JsonSerializer.DeserializeAsync(zipped, Json.TypeInfo<Snapshot>(), ct);
        return snapshot is null ? null : new Audience(snapshot.ContactList, snapshot.Contacts, snapshot.Suppressed.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    private static byte[] Serialize(Audience audience)
    {
        using var buffer = new MemoryStream();
        using (var zipped = new GZipStream(buffer, CompressionLevel.Fastest))
            JsonSerializer.Serialize(zipped, new Snapshot(audience.ContactList, audience.Contacts, [.. audience.Suppressed]), Json.TypeInfo<Snapshot>());
        return buffer.ToArray();
    }

    private void Remember(string key, Audience audience, bool stored)
    {
        lock (gate)
        {
            Remove(key);
            recent.AddFirst((key, audience, stored));
            while (recent.Count > capacity) recent.RemoveLast();
        }
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

    internal sealed record Snapshot(SesContactList ContactList, IReadOnlyList<SesContact> Contacts, IReadOnlyList<string> Suppressed);
}
