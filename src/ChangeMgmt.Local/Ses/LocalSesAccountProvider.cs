using System.Collections.Concurrent;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>
/// Every customer code is its own local SES account. Accounts are created on first use with
/// the default send rate (14 a second, as a new production SES account) unless one was set.
/// </summary>
public sealed class LocalSesAccountProvider : ISesAccountProvider
{
    public const double DefaultMaxSendRate = 14;

    private readonly LocalDatabase _database;
    private readonly string? _outboxDirectory;
    private readonly double _defaultMaxSendRate;
    private readonly TimeProvider _time;
    private readonly LocalChangeQueue? _events;
    private readonly double? _managementRate;
    private readonly ConcurrentDictionary<string, Lazy<LocalSesAccount>> _accounts = new(StringComparer.Ordinal);

    /// <param name="outboxDirectory">Where sent messages are also written as .eml files; null writes none.</param>
    /// <param name="events">Where the accounts publish their SES events (<see cref="Core.Feedback.FeedbackQueue"/>); null publishes none.</param>
    public LocalSesAccountProvider(LocalDatabase database, string? outboxDirectory, double defaultMaxSendRate = DefaultMaxSendRate, TimeProvider? time = null,
        LocalChangeQueue? events = null, double? managementRequestsPerSecond = null)
    {
        _managementRate = managementRequestsPerSecond;
        _events = events;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultMaxSendRate);
        _database = database;
        _outboxDirectory = outboxDirectory;
        _defaultMaxSendRate = defaultMaxSendRate;
        _time = time ?? TimeProvider.System;
    }

    public LocalSesAccount ForCustomer(string customerCode)
    {
        ValidateCustomerCode(customerCode);
        return _accounts.GetOrAdd(customerCode, code => new Lazy<LocalSesAccount>(() => Create(code))).Value;
    }

    ISesAccount ISesAccountProvider.ForCustomer(string customerCode) => ForCustomer(customerCode);

    private LocalSesAccount Create(string customerCode) =>
        new(_database, customerCode, new SendRateBucket(customerCode, _defaultMaxSendRate), _outboxDirectory, _time, _events,
            _managementRate is { } rate ? new ManagementRate(_database, customerCode, rate, _time) : null);

    // The code names a folder of the outbox, so it must be one plain path segment.
    private static void ValidateCustomerCode(string customerCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerCode);
        if (customerCode is "." or ".." || customerCode.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || customerCode.Contains('\\'))
            throw new ArgumentException($"'{customerCode}' is not a valid customer code.", nameof(customerCode));
    }
}
