using System.Net;
using ChangeMgmt.Server.Tests;
using Ical.Net;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// /calendar/{customer}.ics in AWS mode: no session, the feed token only (401 alike for every refusal, whether the
/// customer exists or not), text/calendar that Ical.Net reads, ETag/304; /api/calendar-feeds for admins.
/// </summary>
public sealed class CalendarFeedRouteTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly string Admin = TestTokens.For("ada", ["admin"]);

    private Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return fixture.Host.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_feed_URL_serves_text_calendar_that_Ical_Net_reads_with_the_customers_changes_only()
    {
        var shared = await fixture.ChangeAsync("author", "approved", "acme", "globex");
        var theirs = await fixture.ChangeAsync("author", "submitted", "globex");
        var (_, path) = await fixture.FeedAsync("acme");

        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal((true, TimeSpan.FromMinutes(5)), (response.Headers.CacheControl!.Private, response.Headers.CacheControl.MaxAge!.Value));
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var item = Assert.Single(calendar.Events, e => e.Uid!.StartsWith($"{shared}@", StringComparison.Ordinal));
        Assert.Equal(("CONFIRMED", 3), (item.Status, item.Sequence));
        Assert.DoesNotContain(calendar.Events, e => e.Uid!.StartsWith($"{theirs}@", StringComparison.Ordinal));
        Assert.DoesNotContain("globex", text);
    }

    [Fact]
    public async Task An_unchanged_feed_answers_304_to_its_ETag_and_a_change_makes_a_new_one()
    {
        var (_, path) = await fixture.FeedAsync("all");
        using var first = await GetAsync(path);
        var etag = first.Headers.ETag!.ToString();

        using var again = await GetAsync(path, ("If-None-Match", etag));
        await fixture.ChangeAsync("author", "submitted", "initech");
        using var changed = await GetAsync(path, ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Without_a_token_with_a_bad_one_another_customers_or_a_revoked_one_the_answer_is_the_same_401()
    {
        var (_, globex) = await fixture.FeedAsync("globex");
        var (revokedId, revoked) = await fixture.FeedAsync("acme");
        using (var revoke = await fixture.SendAsync(Admin, HttpMethod.Delete, $"/api/calendar-feeds/{revokedId}"))
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var globexToken = globex[(globex.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var session = TestTokens.For("ada", ["admin"]);

        string[] refused =
        [
            "/calendar/acme.ics", "/calendar/acme.ics?token=", "/calendar/acme.ics?token=abc.def", $"/calendar/acme.ics?token={globexToken}",
            $"/calendar/all.ics?token={globexToken}", revoked, $"/calendar/no-such-customer.ics?token={globexToken}", "/calendar/no-such-customer.ics",
        ];
        var bodies = new HashSet<string>();
        foreach (var path in refused)
        {
            using var response = await GetAsync(path);
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{path}: {(int)response.StatusCode}");
            var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Unauthorized);
            bodies.Add($"{problem["title"]}|{problem["detail"]}");
        }
        Assert.Single(bodies);
        using var withSession = await fixture.SendAsync(session, HttpMethod.Get, "/calendar/acme.ics");
        Assert.Equal(HttpStatusCode.Unauthorized, withSession.StatusCode);
        using var globexFeed = await GetAsync(globex);
        Assert.Equal(HttpStatusCode.OK, globexFeed.StatusCode);
    }

    [Fact]
    public async Task The_list_never_shows_a_token_and_a_revoked_feed_stays_listed_as_revoked()
    {
        var issued = await fixture.JsonAsync(Admin, HttpMethod.Post, "/api/calendar-feeds", new { customer = "initech" }, HttpStatusCode.Created);
        var token = ((string)issued["url"]!).Split("token=")[1];
        var id = (string)issued["tokenId"]!;
        await fixture.JsonAsync(Admin, HttpMethod.Delete, $"/api/calendar-feeds/{id}");

        using var list = await fixture.SendAsync(Admin, HttpMethod.Get, "/api/calendar-feeds");
        var body = await list.Content.ReadAsStringAsync();
        var listed = (await ApiHost.ReadAsync(list, HttpStatusCode.OK))["items"]!.AsArray().Single(f => (string?)f!["tokenId"] == id)!;

        Assert.DoesNotContain(Uri.UnescapeDataString(token).Split('.')[1], body);
        Assert.Equal(("customer:initech", "initech", "ada"), ((string?)listed["scope"], (string?)listed["customer"], (string?)listed["revokedBy"]));
    }

    [Fact]
    public async Task A_customer_scoped_admin_manages_only_their_customers_feeds()
    {
        var acmeAdmin = TestTokens.For("acme-admin", ["admin"], ["acme"]);
        var (globexId, _) = await fixture.FeedAsync("globex");

        using var all = await fixture.SendAsync(acmeAdmin, HttpMethod.Post, "/api/calendar-feeds", new { customer = "all" });
        using var globex = await fixture.SendAsync(acmeAdmin, HttpMethod.Post, "/api/calendar-feeds", new { customer = "globex" });
        using var revoke = await fixture.SendAsync(acmeAdmin, HttpMethod.Delete, $"/api/calendar-feeds/{globexId}");
        var own = await fixture.JsonAsync(acmeAdmin, HttpMethod.Post, "/api/calendar-feeds", new { customer = "acme" }, HttpStatusCode.Created);
        var listed = (await fixture.JsonAsync(acmeAdmin, HttpMethod.Get, "/api/calendar-feeds"))["items"]!.AsArray();

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (all.StatusCode, globex.StatusCode, revoke.StatusCode));
        Assert.Contains(listed, f => (string?)f!["tokenId"] == (string?)own["tokenId"]);
        Assert.All(listed, f => Assert.Equal("acme", (string?)f!["customer"]));
    }

    [Fact]
    public async Task A_feed_for_a_customer_not_configured_is_not_issued_and_a_body_without_one_is_400()
    {
        using var unknown = await fixture.SendAsync(Admin, HttpMethod.Post, "/api/calendar-feeds", new { customer = "hooli" });
        using var empty = await fixture.SendAsync(Admin, HttpMethod.Post, "/api/calendar-feeds", new { });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (unknown.StatusCode, empty.StatusCode));
    }

    [Fact]
    public async Task A_HEAD_answers_the_feeds_headers_as_a_calendar_checks_before_fetching()
    {
        var (_, path) = await fixture.FeedAsync("acme");
        using var get = await GetAsync(path);

        using var head = await fixture.Host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("text/calendar", head.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_feed_is_read_only()
    {
        var (_, path) = await fixture.FeedAsync("acme");

        using var post = await fixture.Host.Http.PostAsync(path, new StringContent("BEGIN:VCALENDAR"));

        Assert.True(post.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{(int)post.StatusCode}");
    }
}

/// <summary>Local mode: the operator issues feeds without signing in, yet a feed still needs its token; the key is a file in the data directory.</summary>
public sealed class LocalCalendarFeedTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_local_operator_issues_a_feed_whose_URL_alone_opens_it()
    {
        var issued = await fixture.Host.PostJsonAsync("/api/calendar-feeds", new { customer = "acme" }, HttpStatusCode.Created);
        var url = new Uri((string)issued["url"]!);

        using var withToken = await fixture.Host.Http.GetAsync(url.PathAndQuery);
        using var without = await fixture.Host.Http.GetAsync(url.AbsolutePath);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (withToken.StatusCode, without.StatusCode));
        Assert.Equal("/calendar/acme.ics", url.AbsolutePath);
        var key = Path.Combine(fixture.Host.Root, "data", ChangeMgmt.Local.LocalTokenSecret.FileName);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }
}
