using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Errors;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>What moto cannot show: the wire format, throttling with Retry-After, error mapping.</summary>
public sealed class IdentityDirectoryWireMockTests : IDisposable
{
    private const string Store = "d-1234567890";
    private const string UsersPage = """{"Users":[{"IdentityStoreId":"d-1234567890","UserId":"90676f1a-1234-4d0e-9c3f-0a1b2c3d4e5f","UserName":"jane","DisplayName":"Jane Roe","UserStatus":"ENABLED","Emails":[{"Value":"jane@acme.example","Type":"work","Primary":true}]}]}""";

    private readonly WireMockServer server = WireMockServer.Start();
    private readonly RecordingHandler handler = new();

    private AwsIdentityDirectory Directory(TimeProvider? time = null, double requestsPerSecond = IdentityStorePacers.DefaultRequestsPerSecond) =>
        new(IdentityTestSupport.Credentials, IdentityTestSupport.Region, IdentityTestSupport.Settings(IdentityTestSupport.At(server.Url!), time), "acme",
            new IdentityDirectoryOptions { Handler = handler, RequestsPerSecond = requestsPerSecond });

    private static IRequestBuilder Target(string operation) =>
        Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", $"AWSIdentityStore.{operation}");

    [Fact]
    public async Task A_request_is_signed_JSON_1_1_for_identitystore_with_the_operation_as_target()
    {
        server.Given(Target("ListUsers")
                .WithHeader("Content-Type", "application/x-amz-json-1.1")
                .WithHeader("Authorization", "AWS4-HMAC-SHA256 Credential=test/*/us-east-1/identitystore/aws4_request*")
                .WithBody(new JsonPartialMatcher("""{"IdentityStoreId":"d-1234567890","MaxResults":100,"NextToken":"page-2"}""")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody(UsersPage));
        using var directory = Directory();

        var page = await directory.ListUsersAsync(Store, "page-2", CancellationToken.None);

        var user = Assert.Single(page.Items);
        Assert.Equal("jane", user.UserName);
        Assert.True(user.Active);
        Assert.Null(page.NextToken);
        var sent = Assert.Single(handler.Sent);
        Assert.Equal("AWSIdentityStore.ListUsers", sent.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", sent.Headers["Content-Type"]);
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=test/\d{8}/us-east-1/identitystore/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}$", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task GetUserId_asks_by_the_unique_attribute_userName()
    {
        server.Given(Target("GetUserId").WithBody(new JsonMatcher(
                """{"IdentityStoreId":"d-1234567890","AlternateIdentifier":{"UniqueAttribute":{"AttributePath":"userName","AttributeValue":"jane"}}}""")))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"IdentityStoreId":"d-1234567890","UserId":"90676f1a-1234-4d0e-9c3f-0a1b2c3d4e5f"}"""));
        using var directory = Directory();

        Assert.Equal("90676f1a-1234-4d0e-9c3f-0a1b2c3d4e5f", await directory.GetUserIdAsync(Store, "jane", CancellationToken.None));
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_Retry_After_the_service_gave()
    {
        server.Given(Target("ListUsers")).InScenario("throttle").WillSetStateTo("throttled once")
            .RespondWith(Response.Create().WithStatusCode(400)
                .WithHeader("x-amzn-ErrorType", "ThrottlingException")
                .WithHeader("Retry-After", "1")
                .WithBody("""{"__type":"ThrottlingException","Message":"Rate exceeded"}"""));
        server.Given(Target("ListUsers")).InScenario("throttle").WhenStateIs("throttled once")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UsersPage));
        var time = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        using var directory = Directory(time);

        var call = directory.ListUsersAsync(Store, null, CancellationToken.None);
        await time.WhenPendingTimersAsync(1);
        Assert.Equal(1, handler.Count);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, handler.Count);
        Assert.Equal(1, time.PendingTimers);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var page = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("jane", Assert.Single(page.Items).UserName);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task ResourceNotFound_is_NotFound_and_is_not_retried()
    {
        server.Given(Target("DescribeUser"))
            .RespondWith(Response.Create().WithStatusCode(400)
                .WithHeader("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.identitystore/")
                .WithHeader("x-amzn-RequestId", "req-1")
                .WithBody("""{"__type":"com.amazonaws.identitystore#ResourceNotFoundException","Message":"USER not found.","ResourceType":"USER"}"""));
        using var directory = Directory(new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            directory.DescribeUserAsync(Store, "90676f1a-1234-4d0e-9c3f-0a1b2c3d4e5f", CancellationToken.None));

        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("req-1", error.RequestId);
        Assert.Equal("acme", error.CustomerCode);
        Assert.Contains("USER not found.", error.Message);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task AccessDenied_is_not_retried()
    {
        server.Given(Target("ListGroups"))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("x-amzn-ErrorType", "AccessDeniedException")
                .WithBody("""{"__type":"AccessDeniedException","Message":"not allowed"}"""));
        using var directory = Directory(new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));

        var error = await Assert.ThrowsAsync<ServiceException>(() => directory.ListGroupsAsync(Store, null, CancellationToken.None));

        Assert.Equal(ServiceErrorKind.AccessDenied, error.Kind);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_the_identity_stores_request_rate()
    {
        server.Given(Target("ListUsers")).RespondWith(Response.Create().WithStatusCode(200).WithBody(UsersPage));
        var time = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        using var directory = Directory(time, requestsPerSecond: 2);

        var calls = Enumerable.Range(0, 5).Select(_ => Task.Run(() => directory.ListUsersAsync(Store, null, CancellationToken.None))).ToList();
        await time.WhenPendingTimersAsync(4);
        await handler.WhenSentAsync(1);
        Assert.Equal(1, handler.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        await handler.WhenSentAsync(3);
        Assert.Equal(3, handler.Count);
        Assert.Equal(2, time.PendingTimers);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, handler.Count);
    }

    [Fact]
    public async Task Directories_given_the_same_pacers_share_the_rate_of_one_identity_store_but_not_of_another()
    {
        server.Given(Target("ListUsers")).RespondWith(Response.Create().WithStatusCode(200).WithBody(UsersPage));
        var time = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var pacers = new IdentityStorePacers(1, time);
        var settings = IdentityTestSupport.Settings(IdentityTestSupport.At(server.Url!), time);
        using var first = new AwsIdentityDirectory(IdentityTestSupport.Credentials, IdentityTestSupport.Region, settings, "acme", new() { Handler = handler, Pacers = pacers });
        using var second = new AwsIdentityDirectory(IdentityTestSupport.Credentials, IdentityTestSupport.Region, settings, "acme", new() { Handler = new RecordingHandler(), Pacers = pacers });

        await first.ListUsersAsync(Store, null, CancellationToken.None);
        var sameStore = second.ListUsersAsync(Store, null, CancellationToken.None);
        await second.ListUsersAsync("d-0987654321", null, CancellationToken.None);

        Assert.False(sameStore.IsCompleted);
        Assert.Equal(1, time.PendingTimers);
        time.Advance(TimeSpan.FromSeconds(1));
        await sameStore.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_page_size_above_the_APIs_maximum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwsIdentityDirectory(IdentityTestSupport.Credentials, IdentityTestSupport.Region,
            IdentityTestSupport.Settings(IdentityTestSupport.At(server.Url!)), null, new IdentityDirectoryOptions { PageSize = 101 }));
    }

    public void Dispose() => server.Stop();
}
