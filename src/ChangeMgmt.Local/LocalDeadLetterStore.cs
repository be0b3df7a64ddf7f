using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>Dead letters in the local database: those the queue moves after too many receives, and those kept by the worker.</summary>
public sealed class LocalDeadLetterStore(LocalDatabase database) : IDeadLetterStore
{
    public Task KeepAsync(DeadLetter letter, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO dead_letters (customer_code, message_id, body, reason, at) VALUES ($customer, $id, $body, $reason, $at)",
            transaction, ("$customer", letter.CustomerCode), ("$id", letter.MessageId), ("$body", letter.Body),
            ("$reason", letter.Reason), ("$at", UnixTime.ToMs(letter.At))), ct);

    public Task RemoveAsync(DeadLetter letter, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM dead_letters WHERE message_id = $id AND customer_code IS $customer",
            transaction, ("$id", letter.MessageId), ("$customer", letter.CustomerCode)), ct);

    /// <summary>Read from the customer's rows of the one local file: no request per letter to save here.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListForChangeAsync(string customerCode, string changeId, CancellationToken ct) =>
        [.. (await ListAsync(customerCode, ct)).Where(l => DeadLetters.ChangeIdOf(l) == changeId)];

    /// <summary>Dead letters, oldest first; all customers when <paramref name="customerCode"/> is null.</summary>
    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? customerCode, CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            """
            SELECT customer_code, message_id, body, reason, at FROM dead_letters
            WHERE $customer IS NULL OR customer_code = $customer ORDER BY seq
            """,
            null, ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        var letters = new List<DeadLetter>();
        while (reader.Read())
            letters.Add(new DeadLetter(reader.NullableString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), UnixTime.FromMs(reader.GetInt64(4))));
        return Task.FromResult<IReadOnlyList<DeadLetter>>(letters);
    }
}
