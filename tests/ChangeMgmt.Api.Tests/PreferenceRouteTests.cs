using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Core;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Core.Tokens;
using ChangeMgmt.Testing;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// /api/preferences in AWS mode: no session, the token of an email's preferences link only; it reads and sets the
/// topics of that token's contact and nobody else's, and every token that opens nothing gets the same 401.
/// </summary>
public sealed class PreferenceRouteTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private PreferenceToken Tokens => fixture.Host.Get<ChangeMgmtServices>().PreferenceTokens!;

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, token is null ? "/api/preferences" : $"/api/preferences?token={Uri.EscapeDataString(token)}");
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        return await fixture.Host.Http.SendAsync(request);
    }

    private async Task<CustomerContact> ContactAsync(string customer, string email) =>
        await new ContactService(fixture.Host.Get<ISesAccountProvider>()).GetAsync(fixture.Host.Get<LoadedConfig>().Customer(customer), email, default);

    [Fact]
    public async Task A_token_reads_its_own_contacts_topics_with_the_customers_name_and_descriptions()
    {
        using var response = await CallAsync(HttpMethod.Get, Tokens.Issue("acme", "alice@acme.example"));

        var body = await ApiHost.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(("acme", "alice@acme.example", false), ((string)body["customer"]!["code"]!, (string)body["email"]!, (bool)body["unsubscribeAll"]!));
        Assert.False(string.IsNullOrEmpty((string?)body["customer"]!["displayName"]));
        var announce = body["topics"]!.AsArray().Single(t => (string)t!["name"]! == "aws-announce")!;
        Assert.Equal("OPT_IN", (string)announce["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)announce["description"]));
        Assert.True(DateTimeOffset.Parse((string)body["expiresAt"]!) > DateTimeOffset.UtcNow.AddDays(59));
        Assert.DoesNotContain("bob@acme.example", body.ToJsonString());
    }

    [Fact]
    public async Task Saving_sets_exactly_the_tokens_contact_and_no_other()
    {
        var bobBefore = await ContactAsync("acme", "bob@acme.example");
        var globexCarolBefore = await ContactAsync("globex", "carol@globex.example");

        using var response = await CallAsync(HttpMethod.Put, Tokens.Issue("acme", "carol@acme.example"), new { topics = new[] { "aws-approval" }, unsubscribeAll = false });

        var body = await ApiHost.ReadAsync(response, HttpStatusCode.OK);
        var optedIn = body["topics"]!.AsArray().Where(t => (string)t!["status"]! == "OPT_IN").Select(t => (string)t!["name"]!);
        Assert.Equal(["aws-approval"], optedIn);
        Assert.Equal(["aws-approval"], (await ContactAsync("acme", "carol@acme.example")).SubscribedTopics);
        Assert.Equal(bobBefore.TopicPreferences, (await ContactAsync("acme", "bob@acme.example")).TopicPreferences);
        Assert.Equal(globexCarolBefore.TopicPreferences, (await ContactAsync("globex", "carol@globex.example")).TopicPreferences);

        using var all = await CallAsync(HttpMethod.Put, Tokens.Issue("acme", "carol@acme.example"), new { topics = Array.Empty<string>(), unsubscribeAll = true });
        Assert.True((bool)(await ApiHost.ReadAsync(all, HttpStatusCode.OK))["unsubscribeAll"]!);
        Assert.True((await ContactAsync("acme", "carol@acme.example")).UnsubscribeAll);
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "GET", "missing" }, { "PUT", "missing" }, { "GET", "malformed" }, { "PUT", "malformed" },
        { "GET", "tampered payload" }, { "PUT", "tampered payload" }, { "GET", "tampered signature" }, { "PUT", "tampered signature" },
        { "GET", "expired" }, { "PUT", "expired" }, { "GET", "another key" }, { "PUT", "another key" },
        { "GET", "unknown customer" }, { "PUT", "unknown customer" }, { "GET", "other customer's contact" }, { "PUT", "other customer's contact" },
        { "GET", "feed key" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Every_token_that_opens_nothing_gets_the_same_401_and_changes_nothing(string method, string kind)
    {
        var before = await ContactAsync("acme", "alice@acme.example");
        var token = kind switch
        {
            "missing" => null,
            "malformed" => "not-a-token",
            "tampered payload" => Tampered(Tokens.Issue("acme", "alice@acme.example"), payload: true),
            "tampered signature" => Tampered(Tokens.Issue("acme", "alice@acme.example"), payload: false),
            "expired" => new PreferenceToken(fixture.Host.Get<TokenKeys>(), new ManualClock(DateTimeOffset.UtcNow.AddDays(-61))).Issue("acme", "alice@acme.example"),
            "another key" => new PreferenceToken(new TokenKeys(new byte[32]), TimeProvider.System).Issue("acme", "alice@acme.example"),
            "unknown customer" => Tokens.Issue("hooli", "alice@acme.example"),
            // A token for globex names an acme address: globex's list has no such contact, and acme's is never read.
            "other customer's contact" => Tokens.Issue("globex", "alice@acme.example"),
            "feed key" => SignedToken.Sign(new PreferenceTokenPayload(1, "acme", "alice@acme.example", DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()), ReflectionJson.For<PreferenceTokenPayload>(), fixture.Host.Get<TokenKeys>().For(TokenUse.CalendarFeed)),
            _ => throw new ArgumentException(kind),
        };

        using var response = await CallAsync(new HttpMethod(method), token, method == "PUT" ? new { topics = Array.Empty<string>(), unsubscribeAll = true } : null);

        var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Link expired or not valid", (string)problem["title"]!);
        Assert.DoesNotContain("alice", problem.ToJsonString());
        Assert.Equal(before.TopicPreferences, (await ContactAsync("acme", "alice@acme.example")).TopicPreferences);
        Assert.False((await ContactAsync("acme", "alice@acme.example")).UnsubscribeAll);
    }

    [Fact]
    public async Task A_topic_the_list_does_not_have_is_a_400_that_changes_nothing()
    {
        var before = await ContactAsync("acme", "alice@acme.example");

        using var response = await CallAsync(HttpMethod.Put, Tokens.Issue("acme", "alice@acme.example"), new { topics = new[] { "no-such-topic" }, unsubscribeAll = false });

        await ApiHost.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before.TopicPreferences, (await ContactAsync("acme", "alice@acme.example")).TopicPreferences);
    }

    [Fact]
    public async Task Only_the_preferences_path_itself_is_open_without_a_session()
    {
        using var beside = await fixture.Host.Http.GetAsync("/api/preferences/x");
        using var customers = await fixture.Host.Http.GetAsync("/api/customers");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (beside.StatusCode, customers.StatusCode));
        Assert.Equal("Sign-in required", (string)(await ApiHost.ReadAsync(beside, HttpStatusCode.Unauthorized))["title"]!);
    }

    private static string Tampered(string token, bool payload)
    {
        var (body, signature) = (token.Split('.')[0], token.Split('.')[1]);
        return payload ? $"{(body[0] == 'e' ? 'f' : 'e')}{body[1..]}.{signature}" : $"{body}.{(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}";
    }
}
