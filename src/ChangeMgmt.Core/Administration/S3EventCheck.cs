using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>
/// Compares the change bucket's live queue notifications with config.json. Each customer's change
/// triggers (<c>customers/{code}/{changeId}.json</c>) must notify that customer's queue when they
/// are created; when every configured customer is checked, notifications under <c>customers/</c>
/// that config.json does not call for are reported too, above all those that would carry one
/// customer's changes to another customer's queue.
/// </summary>
public static class S3EventCheck
{
    public const string TriggerSuffix = ".json";
    public const string ObjectCreatedAll = "s3:ObjectCreated:*";
    public const string ObjectCreatedPut = "s3:ObjectCreated:Put";

    private const string Regenerate = "or regenerate the per-customer notifications from config.json";

    /// <summary>One result per customer given, then (only when they are all of config's customers) one per unexpected notification.</summary>
    public static async Task<IReadOnlyList<S3EventCheckResult>> RunAsync(
        ChangeMgmtConfig config, IBucketNotifications bucket, IEnumerable<CustomerConfig> customers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(bucket);
        var selected = customers.ToList();
        var rules = await bucket.GetQueueNotificationsAsync(ct).ConfigureAwait(false);
        var results = selected.Select(c => CheckCustomer(c, rules, config, bucket.BucketName)).ToList();
        var codes = selected.Select(c => c.CustomerCode).ToHashSet(StringComparer.Ordinal);
        if (config.CustomerMappings.Keys.All(codes.Contains))
            results.AddRange(rules.Select(r => CheckStray(r, config, bucket.BucketName)).OfType<S3EventCheckResult>());
        return results;
    }

    private static S3EventCheckResult CheckCustomer(CustomerConfig customer, IReadOnlyList<QueueNotificationRule> rules, ChangeMgmtConfig config, string bucket)
    {
        var code = customer.CustomerCode;
        var prefix = StorageLayout.CustomerPrefix(code);
        var expected = customer.SqsQueueArn;
        var fix = $"Fix: add a queue notification for {ExpectedRule(customer)}, {Regenerate}.";
        var candidates = rules.Where(r => string.Equals(r.Prefix, prefix, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
            return new(code, bucket, S3EventStatus.Missing, expected, null,
                $"{code}: bucket {bucket} has no queue notification for prefix {prefix}: none sends {code}'s change triggers ({prefix}{{changeId}}{TriggerSuffix}) to {code}'s queue, so its contacts get no change emails. {fix}");

        var (rule, problems) = candidates
            .Select(r => (Rule: r, Problems: Problems(r, customer, config)))
            .MinBy(c => (c.Problems.Any(p => p.Status == S3EventStatus.WrongQueue) ? 1 : 0, c.Problems.Count));
        if (problems.Count == 0)
            return new(code, bucket, S3EventStatus.InSync, expected, rule.QueueArn,
                $"{code}: bucket {bucket} notifies {rule.QueueArn} on object creation under {prefix} with suffix {TriggerSuffix}{IdText(rule)}.");
        return new(code, bucket, problems[0].Status, expected, rule.QueueArn,
            $"{code}: bucket {bucket}: the queue notification{IdText(rule)} for prefix {prefix} {problems[0].What}{string.Concat(problems.Skip(1).Select(p => $". It also {p.What}"))}. " +
            $"Fix: make it {ExpectedRule(customer)}, {Regenerate}.");
    }

    /// <summary>What is wrong with a customer's notification, worst first.</summary>
    private static List<(S3EventStatus Status, string What)> Problems(QueueNotificationRule rule, CustomerConfig customer, ChangeMgmtConfig config)
    {
        var code = customer.CustomerCode;
        var problems = new List<(S3EventStatus, string)>();
        if (string.IsNullOrEmpty(customer.SqsQueueArn))
            problems.Add((S3EventStatus.WrongQueue, $"sends to {rule.QueueArn}, but config.json gives {code} no sqs_queue_arn to compare it with"));
        else if (!string.Equals(rule.QueueArn, customer.SqsQueueArn, StringComparison.Ordinal))
            problems.Add((S3EventStatus.WrongQueue, $"sends to {rule.QueueArn} instead of {customer.SqsQueueArn}" +
                (config.FindCustomerByQueueArn(rule.QueueArn) is { } owner
                    ? $"; that is {owner.CustomerCode}'s queue, so {code}'s changes reach {owner.CustomerCode}: a customer isolation breach"
                    : $", so {code}'s worker never sees its changes")));
        if (!string.Equals(rule.Suffix, TriggerSuffix, StringComparison.Ordinal))
            problems.Add((S3EventStatus.WrongFilter, rule.Suffix switch
            {
                null or "" => $"has no suffix filter, so every object under the prefix is sent, not only the {TriggerSuffix} change triggers",
                var s when string.Equals(s, TriggerSuffix, StringComparison.OrdinalIgnoreCase) =>
                    $"has suffix '{s}'; S3 matches suffixes case-sensitively and the triggers end in {TriggerSuffix}, so none is sent",
                var s => $"has suffix '{s}', so the change triggers ({TriggerSuffix}) are never sent",
            }));
        if (!rule.Events.Contains(ObjectCreatedAll, StringComparer.Ordinal) && !rule.Events.Contains(ObjectCreatedPut, StringComparer.Ordinal))
            problems.Add((S3EventStatus.MissingCreateEvent,
                $"fires on {(rule.Events.Count == 0 ? "no event" : string.Join(", ", rule.Events))} but not on object creation ({ObjectCreatedAll} or {ObjectCreatedPut}), so writing a trigger sends nothing"));
        return problems;
    }

    /// <summary>A notification under <c>customers/</c> (or over the whole bucket) that no customer's config calls for, or null.</summary>
    private static S3EventCheckResult? CheckStray(QueueNotificationRule rule, ChangeMgmtConfig config, string bucket)
    {
        var prefix = rule.Prefix ?? "";
        var owner = config.FindCustomerByQueueArn(rule.QueueArn);
        var what = $"bucket {bucket}: the queue notification{IdText(rule)} for prefix {Quoted(prefix)} to {rule.QueueArn}";
        if (CustomerCodeOf(prefix) is { } code)
        {
            var customer = config.FindCustomer(code);
            if (customer is null)
                return Stray(code, null,
                    $"{code}: {what} names customer '{code}', which is not in customer_mappings" +
                    (owner is null ? "" : $", and sends to {owner.CustomerCode}'s queue") +
                    $". Fix: delete it, or add {code} to customer_mappings in config.json and regenerate the per-customer notifications from config.json.");
            if (owner is not null && owner.CustomerCode != code)
                return Stray(code, customer.SqsQueueArn,
                    $"{code}: {what} sends {code}'s changes to {owner.CustomerCode}'s queue: a customer isolation breach. Fix: delete it, {Regenerate}.");
            return null;
        }
        var underCustomers = prefix.StartsWith(StorageLayout.CustomersPrefix, StringComparison.Ordinal);
        if (owner is not null && (underCustomers || StorageLayout.CustomersPrefix.StartsWith(prefix, StringComparison.Ordinal)))
            return Stray(null, null,
                $"{what} covers {Covered(prefix, config)}, and sends them all to {owner.CustomerCode}'s queue: a customer isolation breach. " +
                $"Fix: delete it; notify each customer's queue only for its own prefix {StorageLayout.CustomersPrefix}{{code}}/ ({Regenerate}).");
        if (underCustomers)
            return Stray(null, null,
                $"{what} does not name one customer folder ({StorageLayout.CustomersPrefix}{{code}}/), and that queue belongs to no configured customer. Fix: delete it, {Regenerate}.");
        return null;

        S3EventCheckResult Stray(string? code, string? expected, string message) =>
            new(code, bucket, S3EventStatus.Unexpected, expected, rule.QueueArn, message);
    }

    /// <summary>The code in a prefix <c>customers/{code}/…</c>, or null when the prefix does not name one customer folder.</summary>
    private static string? CustomerCodeOf(string prefix)
    {
        if (!prefix.StartsWith(StorageLayout.CustomersPrefix, StringComparison.Ordinal))
            return null;
        var slash = prefix.IndexOf('/', StorageLayout.CustomersPrefix.Length);
        return slash > StorageLayout.CustomersPrefix.Length ? prefix[StorageLayout.CustomersPrefix.Length..slash] : null;
    }

    private static string Covered(string prefix, ChangeMgmtConfig config)
    {
        var covered = config.Customers
            .Where(c => StorageLayout.CustomerPrefix(c.CustomerCode).StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => c.CustomerCode).Order(StringComparer.Ordinal).ToList();
        return prefix.Length <= StorageLayout.CustomersPrefix.Length
            ? "every customer's change triggers"
            : $"the change triggers of every customer whose code starts with '{prefix[StorageLayout.CustomersPrefix.Length..]}' (configured: {(covered.Count == 0 ? "none" : string.Join(", ", covered))})";
    }

    private static string ExpectedRule(CustomerConfig customer) =>
        $"prefix {StorageLayout.CustomerPrefix(customer.CustomerCode)} suffix {TriggerSuffix} on {ObjectCreatedAll} to " +
        (string.IsNullOrEmpty(customer.SqsQueueArn)
            ? $"the queue in customer_mappings.{customer.CustomerCode}.sqs_queue_arn (set it in config.json first)"
            : customer.SqsQueueArn);

    private static string IdText(QueueNotificationRule rule) => rule.Id is { Length: > 0 } id ? $" (id {id})" : "";

    private static string Quoted(string prefix) => prefix.Length == 0 ? "'' (every key in the bucket)" : $"'{prefix}'";
}
