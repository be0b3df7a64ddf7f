using ChangeMgmt.Core.Tokens;
using System.Buffers.Text;
using System.Text;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Announcements;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.CalendarFeeds;

/// <summary>Feed tokens: what opens a feed (signed, issued for exactly that scope, not revoked) and what does not.</summary>
public sealed class FeedTokenTests : IDisposable
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("a session secret of thirty-two bytes or more");
    private readonly TempDirectory temp = new();
    private readonly LocalDatabase database;
    private readonly LocalObjectStore store;
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly CalendarFeedService feeds;

    public FeedTokenTests()
    {
        database = new LocalDatabase(temp.File("changemgmt.db"));
        store = new LocalObjectStore(database, "msp-change-metadata-example", new LocalChangeQueue(database, time: clock), time: clock);
        feeds = new CalendarFeedService(store, AnnouncementServiceTests.Config, new TokenKeys(Secret), clock);
    }

    public void Dispose()
    {
        database.Dispose();
        temp.Dispose();
    }

    private static readonly FeedScope Acme = FeedScope.ForCustomer("acme");
    private static readonly FeedScope Globex = FeedScope.ForCustomer("globex");

    [Fact]
    public async Task An_issued_token_opens_its_feed_and_its_record_holds_no_token()
    {
        var issued = await feeds.IssueAsync(Acme, "ada", default);

        var opened = await feeds.VerifyAsync(issued.Token, Acme, default);

        Assert.Equal(issued.Feed, opened);
        Assert.Equal(("customer:acme", "ada", "acme"), (issued.Feed.Scope, issued.Feed.IssuedBy, issued.Feed.Customer));
        Assert.Matches("^cf-[0-9a-f]{24}$", issued.Feed.TokenId);
        Assert.Equal($"/calendar/acme.ics?token={Uri.EscapeDataString(issued.Token)}", issued.Url);
        var record = Encoding.UTF8.GetString((await store.GetAsync(StorageLayout.CalendarFeed(issued.Feed.TokenId), default))!.Content);
        Assert.DoesNotContain(issued.Token.Split('.')[1], record);
    }

    [Fact]
    public async Task A_tampered_payload_or_signature_is_refused()
    {
        var issued = await feeds.IssueAsync(Acme, "ada", default);
        var (body, signature) = (issued.Token.Split('.')[0], issued.Token.Split('.')[1]);
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(body));
        var globexBody = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace("customer:acme", "customer:globex")));

        Assert.Null(await feeds.VerifyAsync($"{globexBody}.{signature}", Globex, default));
        Assert.Null(await feeds.VerifyAsync($"{body}.{Flip(signature)}", Acme, default));
        Assert.Null(await feeds.VerifyAsync($"{body}.", Acme, default));
        Assert.Null(await feeds.VerifyAsync(body, Acme, default));
        Assert.Null(await feeds.VerifyAsync(issued.Token + ".x", Acme, default));
        Assert.Null(await feeds.VerifyAsync("", Acme, default));
        Assert.Null(await feeds.VerifyAsync(null, Acme, default));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var other = new CalendarFeedService(store, AnnouncementServiceTests.Config, new TokenKeys(Encoding.ASCII.GetBytes("another secret, also thirty-two bytes long")), clock);
        var issued = await other.IssueAsync(Acme, "ada", default);

        Assert.Null(await feeds.VerifyAsync(issued.Token, Acme, default));
    }

    [Fact]
    public async Task A_customer_token_opens_neither_another_customers_feed_nor_the_MSP_wide_one_and_an_all_token_no_customers()
    {
        var acme = await feeds.IssueAsync(Acme, "ada", default);
        var all = await feeds.IssueAsync(FeedScope.All, "ada", default);

        Assert.Null(await feeds.VerifyAsync(acme.Token, Globex, default));
        Assert.Null(await feeds.VerifyAsync(acme.Token, FeedScope.All, default));
        Assert.Null(await feeds.VerifyAsync(all.Token, Acme, default));
        Assert.NotNull(await feeds.VerifyAsync(all.Token, FeedScope.All, default));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_its_record_kept_for_audit()
    {
        var issued = await feeds.IssueAsync(Acme, "ada", default);
        clock.Advance(TimeSpan.FromHours(1));

        var revoked = await feeds.RevokeAsync(issued.Feed.TokenId, "omar", default);

        Assert.Null(await feeds.VerifyAsync(issued.Token, Acme, default));
        Assert.Equal((clock.GetUtcNow(), "omar"), (revoked.RevokedAt!.Value, revoked.RevokedBy!));
        Assert.Equal(revoked, Assert.Single(await feeds.ListAsync(default)));
    }

    [Fact]
    public async Task A_signed_token_whose_record_is_missing_is_refused_and_an_unknown_id_never_reaches_the_store()
    {
        var key = new TokenKeys(Secret).For(TokenUse.CalendarFeed).ToArray();
        var unknown = FeedToken.Sign(new("cf-000000000000000000000000", "customer:acme", 0, "ada"), key);
        var traversal = FeedToken.Sign(new("../archive/CHG-1", "customer:acme", 0, "ada"), key);

        Assert.Null(await feeds.VerifyAsync(unknown, Acme, default));
        Assert.Null(await feeds.VerifyAsync(traversal, Acme, default));
        await Assert.ThrowsAsync<CalendarFeedNotFoundException>(() => feeds.RevokeAsync("../archive/CHG-1", "omar", default));
    }

    [Fact]
    public async Task A_customer_not_in_customer_mappings_gets_no_feed()
    {
        await Assert.ThrowsAsync<UnknownCustomerException>(() => feeds.IssueAsync(FeedScope.ForCustomer("hooli"), "ada", default));
        Assert.Empty(await feeds.ListAsync(default));
    }

    [Fact]
    public void The_derived_key_is_not_the_secret_and_is_the_same_for_the_same_secret()
    {
        Assert.NotEqual(new TokenKeys(Secret).For(TokenUse.Preferences).ToArray(), new TokenKeys(Secret).For(TokenUse.CalendarFeed).ToArray());
        Assert.Equal(new TokenKeys(Secret).For(TokenUse.CalendarFeed).ToArray(), new TokenKeys(Secret).For(TokenUse.CalendarFeed).ToArray());
        Assert.NotEqual(Secret[..32], new TokenKeys(Secret).For(TokenUse.CalendarFeed).ToArray());
        Assert.Throws<ArgumentException>(() => new TokenKeys(new byte[16]));
    }

    [Fact]
    public void A_cmdlet_derives_the_APIs_key_from_the_session_secret_variable_config_json_names()
    {
        var auth = new AuthConfig { SessionSecretEnv = "FEED_TEST_SECRET" };
        var secret = Convert.ToBase64String(Secret);

        var key = TokenKeys.FromSessionSecret(auth, name => name == "FEED_TEST_SECRET" ? secret : null);

        Assert.Equal(new TokenKeys(Secret).For(TokenUse.CalendarFeed).ToArray(), key.For(TokenUse.CalendarFeed).ToArray());
        var missing = Assert.Throws<InvalidOperationException>(() => TokenKeys.FromSessionSecret(auth, _ => null));
        Assert.Contains("$FEED_TEST_SECRET", missing.Message);
        Assert.Throws<InvalidOperationException>(() => TokenKeys.FromSessionSecret(null, _ => secret));
        Assert.Throws<InvalidOperationException>(() => TokenKeys.FromSessionSecret(auth, _ => Convert.ToBase64String(new byte[16])));
    }

    [Fact]
    public void The_local_key_file_is_made_once_readable_by_its_owner_only()
    {
        var first = LocalTokenSecret.Open(temp.Path).For(TokenUse.CalendarFeed).ToArray();
        var second = LocalTokenSecret.Open(temp.Path).For(TokenUse.CalendarFeed).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(32, first.Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(temp.Path, LocalTokenSecret.FileName)));
        Assert.Single(Directory.GetFiles(temp.Path, "token.key*"));
    }

    private static string Flip(string text) => (text[0] == 'A' ? 'B' : 'A') + text[1..];
}
