using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Administration;

/// <summary>The drift check as a pure function of config (examples/config.json) and fixed bucket rules.</summary>
public sealed class S3EventCheckTests
{
    private const string Bucket = "msp-change-metadata-example";
    private const string StrayQueue = "arn:aws:sqs:us-east-1:100000000000:changemgmt-legacy";

    private static readonly ChangeMgmtConfig Config =
        ConfigLoader.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json")).Config;

    private static readonly string[] Codes = ["acme", "globex", "initech", "umbrella"];

    private static string QueueOf(string code) => Config.FindCustomer(code)!.SqsQueueArn!;

    private static QueueNotificationRule Rule(
        string code, string? queue = null, string? suffix = ".json", string[]? events = null, string? prefix = null) =>
        new($"changemgmt-{code}", queue ?? QueueOf(code), events ?? ["s3:ObjectCreated:*"], prefix ?? $"customers/{code}/", suffix);

    /// <summary>The in-sync rule of every customer, with <paramref name="code"/>'s replaced (or dropped when null).</summary>
    private static QueueNotificationRule[] AllButOne(string code, QueueNotificationRule? replacement) =>
        [.. Codes.Where(c => c != code).Select(c => Rule(c)), .. Enumerable.Repeat(replacement, replacement is null ? 0 : 1).OfType<QueueNotificationRule>()];

    private static Task<IReadOnlyList<S3EventCheckResult>> RunAsync(params QueueNotificationRule[] rules) =>
        RunForAsync(Config.Customers, rules);

    private static Task<IReadOnlyList<S3EventCheckResult>> RunForAsync(IEnumerable<CustomerConfig> customers, params QueueNotificationRule[] rules) =>
        S3EventCheck.RunAsync(Config, new FixedRules(rules), customers, CancellationToken.None);

    private static S3EventCheckResult For(IReadOnlyList<S3EventCheckResult> results, string code) =>
        Assert.Single(results, r => r.CustomerCode == code && r.Status != S3EventStatus.Unexpected);

    [Fact]
    public async Task Every_customer_with_its_own_rule_is_in_sync_and_nothing_is_unexpected()
    {
        var results = await RunAsync([.. Codes.Select(c => Rule(c))]);

        Assert.Equal(Codes, results.Select(r => r.CustomerCode));
        Assert.All(results, r =>
        {
            Assert.Equal(S3EventStatus.InSync, r.Status);
            Assert.True(r.IsInSync);
            Assert.Equal(Bucket, r.BucketName);
            Assert.Equal(r.ExpectedQueueArn, r.ActualQueueArn);
            Assert.Equal(QueueOf(r.CustomerCode!), r.ActualQueueArn);
        });
    }

    [Fact]
    public async Task A_customer_without_a_rule_for_its_prefix_is_missing_and_the_message_says_what_to_add()
    {
        var results = await RunAsync(AllButOne("globex", null));

        var globex = For(results, "globex");
        Assert.Equal(S3EventStatus.Missing, globex.Status);
        Assert.Equal(QueueOf("globex"), globex.ExpectedQueueArn);
        Assert.Null(globex.ActualQueueArn);
        Assert.Contains("globex", globex.Message);
        Assert.Contains(Bucket, globex.Message);
        Assert.Contains($"add a queue notification for prefix customers/globex/ suffix .json on s3:ObjectCreated:* to {QueueOf("globex")}", globex.Message);
        Assert.Equal(3, results.Count(r => r.Status == S3EventStatus.InSync));
        Assert.Equal(4, results.Count);
    }

    [Fact]
    public async Task A_rule_under_a_nested_prefix_does_not_count_for_the_customer()
    {
        var results = await RunAsync(AllButOne("globex", Rule("globex", prefix: "customers/globex/sub/")));

        Assert.Equal(S3EventStatus.Missing, For(results, "globex").Status);
        Assert.DoesNotContain(results, r => r.Status == S3EventStatus.Unexpected);
    }

    [Fact]
    public async Task A_rule_to_a_queue_that_is_not_the_customers_is_wrong_queue_with_the_actual_arn()
    {
        var results = await RunAsync(AllButOne("globex", Rule("globex", queue: StrayQueue)));

        var globex = For(results, "globex");
        Assert.Equal(S3EventStatus.WrongQueue, globex.Status);
        Assert.Equal(QueueOf("globex"), globex.ExpectedQueueArn);
        Assert.Equal(StrayQueue, globex.ActualQueueArn);
        Assert.Contains($"sends to {StrayQueue} instead of {QueueOf("globex")}", globex.Message);
        Assert.DoesNotContain(results, r => r.Status == S3EventStatus.Unexpected);
    }

    [Fact]
    public async Task A_customers_prefix_sent_to_another_customers_queue_is_wrong_queue_and_an_unexpected_isolation_breach()
    {
        var results = await RunAsync(AllButOne("globex", Rule("globex", queue: QueueOf("acme"))));

        var globex = For(results, "globex");
        Assert.Equal(S3EventStatus.WrongQueue, globex.Status);
        Assert.Contains("isolation breach", globex.Message);
        var unexpected = Assert.Single(results, r => r.Status == S3EventStatus.Unexpected);
        Assert.Equal("globex", unexpected.CustomerCode);
        Assert.Equal(QueueOf("acme"), unexpected.ActualQueueArn);
        Assert.Contains("globex's changes to acme's queue", unexpected.Message);
        Assert.Contains("isolation breach", unexpected.Message);
    }

    [Theory]
    [InlineData(".txt", "has suffix '.txt'")]
    [InlineData(null, "has no suffix filter")]
    [InlineData("", "has no suffix filter")]
    [InlineData(".JSON", "case-sensitively")]
    public async Task A_rule_whose_suffix_is_not_exactly_json_is_wrong_filter(string? suffix, string explanation)
    {
        var results = await RunAsync(AllButOne("initech", Rule("initech", suffix: suffix)));

        var initech = For(results, "initech");
        Assert.Equal(S3EventStatus.WrongFilter, initech.Status);
        Assert.Contains(explanation, initech.Message);
        Assert.Contains("suffix .json", initech.Message);
    }

    [Theory]
    [InlineData(new[] { "s3:ObjectRemoved:*" }, S3EventStatus.MissingCreateEvent)]
    [InlineData(new[] { "s3:ObjectCreated:Copy" }, S3EventStatus.MissingCreateEvent)]
    [InlineData(new string[0], S3EventStatus.MissingCreateEvent)]
    [InlineData(new[] { "s3:ObjectRemoved:*", "s3:ObjectCreated:Put" }, S3EventStatus.InSync)]
    [InlineData(new[] { "s3:ObjectCreated:*" }, S3EventStatus.InSync)]
    public async Task Only_a_rule_that_fires_on_object_creation_by_put_is_in_sync(string[] events, S3EventStatus expected)
    {
        var results = await RunAsync(AllButOne("umbrella", Rule("umbrella", events: events)));

        var umbrella = For(results, "umbrella");
        Assert.Equal(expected, umbrella.Status);
        if (expected == S3EventStatus.MissingCreateEvent)
            Assert.Contains("not on object creation", umbrella.Message);
    }

    [Fact]
    public async Task A_rule_with_several_problems_reports_the_wrong_queue_first_and_names_them_all()
    {
        var results = await RunAsync(AllButOne("acme", Rule("acme", queue: StrayQueue, suffix: ".txt", events: ["s3:ObjectRemoved:*"])));

        var acme = For(results, "acme");
        Assert.Equal(S3EventStatus.WrongQueue, acme.Status);
        Assert.Contains("has suffix '.txt'", acme.Message);
        Assert.Contains("not on object creation", acme.Message);
    }

    [Fact]
    public async Task Of_two_rules_for_one_prefix_the_one_that_is_right_decides()
    {
        var results = await RunAsync(AllButOne("acme", Rule("acme", events: ["s3:ObjectRemoved:*"])).Append(Rule("acme")).ToArray());

        Assert.Equal(S3EventStatus.InSync, For(results, "acme").Status);
    }

    [Fact]
    public async Task A_rule_for_a_customer_that_is_not_configured_is_unexpected()
    {
        var results = await RunAsync([.. Codes.Select(c => Rule(c)), Rule("hooli", queue: StrayQueue)]);

        Assert.Equal(4, results.Count(r => r.Status == S3EventStatus.InSync));
        var hooli = Assert.Single(results, r => r.Status == S3EventStatus.Unexpected);
        Assert.Equal("hooli", hooli.CustomerCode);
        Assert.Null(hooli.ExpectedQueueArn);
        Assert.Equal(StrayQueue, hooli.ActualQueueArn);
        Assert.Contains("not in customer_mappings", hooli.Message);
        Assert.Contains(Bucket, hooli.Message);
    }

    [Theory]
    [InlineData("customers/", "every customer's change triggers")]
    [InlineData("", "every customer's change triggers")]
    [InlineData(null, "every customer's change triggers")]
    [InlineData("customers/ac", "whose code starts with 'ac' (configured: acme)")]
    public async Task A_rule_covering_several_customers_that_targets_a_customer_queue_is_an_isolation_breach(string? prefix, string coverage)
    {
        var broad = new QueueNotificationRule("everything", QueueOf("umbrella"), ["s3:ObjectCreated:*"], prefix, ".json");

        var results = await RunAsync([.. Codes.Select(c => Rule(c)), broad]);

        var unexpected = Assert.Single(results, r => r.Status == S3EventStatus.Unexpected);
        Assert.Null(unexpected.CustomerCode);
        Assert.Equal(QueueOf("umbrella"), unexpected.ActualQueueArn);
        Assert.Contains(coverage, unexpected.Message);
        Assert.Contains("umbrella's queue: a customer isolation breach", unexpected.Message);
    }

    [Fact]
    public async Task A_rule_outside_customers_to_a_queue_that_is_no_customers_is_not_reported()
    {
        var results = await RunAsync([.. Codes.Select(c => Rule(c)), new QueueNotificationRule(null, StrayQueue, ["s3:ObjectCreated:*"], "archive/", null)]);

        Assert.All(results, r => Assert.Equal(S3EventStatus.InSync, r.Status));
    }

    [Fact]
    public async Task Checking_some_customers_reports_only_them_and_nothing_unexpected()
    {
        var rules = new[]
        {
            Rule("acme"), Rule("globex", queue: QueueOf("acme")), Rule("hooli", queue: StrayQueue),
            new QueueNotificationRule(null, QueueOf("acme"), ["s3:ObjectCreated:*"], "customers/", ".json"),
        };

        var results = await RunForAsync(Config.Customers.Where(c => c.CustomerCode is "acme" or "globex"), rules);

        Assert.Equal(["acme", "globex"], results.Select(r => r.CustomerCode));
        Assert.Equal([S3EventStatus.InSync, S3EventStatus.WrongQueue], results.Select(r => r.Status));
    }

    private sealed class FixedRules(IReadOnlyList<QueueNotificationRule> rules) : IBucketNotifications
    {
        public string BucketName => Bucket;

        public Task<IReadOnlyList<QueueNotificationRule>> GetQueueNotificationsAsync(CancellationToken ct) => Task.FromResult(rules);
    }
}
