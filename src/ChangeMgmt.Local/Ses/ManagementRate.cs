using System.Globalization;
using ChangeMgmt.Core.Resilience;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// An SES account's management request rate (SES: about one a second per account), enforced as SES does — a call
/// closer than 1/rate to the last one admitted is refused TooManyRequests — with every call recorded in the database
/// (<c>ses_management_calls</c>: when, which, refused or not), so every process on the data directory draws on the same
/// account. The account's own calls are paced just below the rate first (<see cref="CallPacer"/>, as the AWS adapter
/// paces), so one process never meets the limit; processes sharing an account can, and then see SES's error.
/// </summary>
internal sealed class ManagementRate
{
    public const string Variable = "CHANGEMGMT_LOCAL_SES_MANAGEMENT_RATE";

    // Paced 2 % under the limit: the pacer's clock and the database's milliseconds need not agree to the millisecond.
    private const double PaceFactor = 0.98;
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly LocalDatabase _database;
    private readonly string _customerCode;
    private readonly double _rate;
    private readonly TimeProvider _time;
    private readonly CallPacer _pacer;

    public ManagementRate(LocalDatabase database, string customerCode, double rate, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        (_database, _customerCode, _rate, _time) = (database, customerCode, rate, time);
        _pacer = new CallPacer(rate * PaceFactor, time);
    }

    /// <summary>$env:CHANGEMGMT_LOCAL_SES_MANAGEMENT_RATE as a rate; null when unset, empty or not a positive number.</summary>
    public static double? FromEnvironment() =>
        double.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : null;

    /// <summary>Waits for the account's next slot, then records the call; TooManyRequests when another process took it.</summary>
    public async Task AdmitAsync(string operation, CancellationToken ct)
    {
        await _pacer.WaitAsync(ct).ConfigureAwait(false);
        // The pacer spaces this process's calls; the record says when the last one was admitted (any process's), and
        // a call that reached its slot early (the previous one was recorded late) waits for the rest of the interval.
        // (Again after waiting: a timer may wake a millisecond before the wall clock has moved on as far.)
        while (LastAdmitted() is long last && last + Interval - _time.NowMs() is var early and > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(early + 1), _time, ct).ConfigureAwait(false);
        var now = _time.NowMs();
        if (!await _database.WriteAsync((connection, transaction) => Record(connection, transaction, operation, now), ct).ConfigureAwait(false))
            throw SesErrors.TooManyManagementRequests(_customerCode, _rate);
    }

    private long Interval => (long)Math.Ceiling(1000 / _rate);

    private long? LastAdmitted()
    {
        using var connection = _database.OpenConnection();
        return LastAdmitted(connection, null);
    }

    private long? LastAdmitted(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.Scalar("SELECT MAX(at_ms) FROM ses_management_calls WHERE customer_code = $customer AND throttled = 0", transaction, ("$customer", _customerCode)) as long?;

    private bool Record(SqliteConnection connection, SqliteTransaction transaction, string operation, long now)
    {
        var admitted = LastAdmitted(connection, transaction) is not long last || now - last >= Interval;
        connection.Execute("DELETE FROM ses_management_calls WHERE customer_code = $customer AND at_ms < $old", transaction,
            ("$customer", _customerCode), ("$old", now - (long)Kept.TotalMilliseconds));
        connection.Execute("INSERT INTO ses_management_calls (customer_code, at_ms, operation, throttled) VALUES ($customer, $now, $operation, $throttled)",
            transaction, ("$customer", _customerCode), ("$now", now), ("$operation", operation), ("$throttled", admitted ? 0 : 1));
        return admitted;
    }

    /// <summary>The account's recorded management calls, oldest first: when, which, and whether refused.</summary>
    public static IReadOnlyList<ManagementCall> Calls(LocalDatabase database, string customerCode)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command("SELECT at_ms, operation, throttled FROM ses_management_calls WHERE customer_code = $customer ORDER BY at_ms, rowid",
            null, ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        var calls = new List<ManagementCall>();
        while (reader.Read()) calls.Add(new(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetInt64(2) != 0));
        return calls;
    }
}

/// <summary>One management request an account recorded: when, which operation, and whether it was refused (TooManyRequests).</summary>
public sealed record ManagementCall(DateTimeOffset At, string Operation, bool Throttled);
