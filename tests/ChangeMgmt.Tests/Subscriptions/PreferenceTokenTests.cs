using System.Buffers.Text;
using System.Text;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Core.Tokens;
using ChangeMgmt.Testing;

namespace ChangeMgmt.Tests.Subscriptions;

/// <summary>Preference tokens: one contact of one customer, signed with the preferences key, until they expire.</summary>
public sealed class PreferenceTokenTests
{
    private static readonly TokenKeys Keys = new(Encoding.ASCII.GetBytes("a session secret of thirty-two bytes or more"));
    private readonly ManualClock clock = new();
    private PreferenceToken Tokens => new(Keys, clock);

    [Fact]
    public void A_token_opens_its_own_contact_until_sixty_days_after_the_send()
    {
        var token = Tokens.Issue("acme", "Jane@acme.example");

        Assert.Equal(new PreferenceHolder("acme", "Jane@acme.example", clock.GetUtcNow().AddDays(60)), Tokens.Read(token));
        Assert.Matches("^[A-Za-z0-9_.-]+$", token);
        clock.Advance(TimeSpan.FromDays(60) - TimeSpan.FromSeconds(1));
        Assert.NotNull(Tokens.Read(token));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(Tokens.Read(token));
    }

    [Fact]
    public void A_token_with_its_payload_changed_to_another_contact_or_customer_is_refused()
    {
        var token = Tokens.Issue("acme", "jane@acme.example");
        var signature = token.Split('.')[1];

        Assert.Null(Tokens.Read($"{Payload("globex", "jane@acme.example")}.{signature}"));
        Assert.Null(Tokens.Read($"{Payload("acme", "bob@acme.example")}.{signature}"));
    }

    [Fact]
    public void A_token_with_a_changed_signature_or_signed_with_another_key_or_for_another_use_is_refused()
    {
        var token = Tokens.Issue("acme", "jane@acme.example");
        var (body, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var other = new PreferenceToken(new TokenKeys(Encoding.ASCII.GetBytes("another secret, also thirty-two bytes long")), clock);
        var feedSigned = SignedToken.Sign(new PreferenceTokenPayload(1, "acme", "jane@acme.example", clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds()), ReflectionJson.For<PreferenceTokenPayload>(), Keys.For(TokenUse.CalendarFeed));

        Assert.Null(Tokens.Read($"{body}.{(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}"));
        Assert.Null(Tokens.Read($"{body}.{signature[..^2]}"));
        Assert.Null(Tokens.Read(other.Issue("acme", "jane@acme.example")));
        Assert.Null(Tokens.Read(feedSigned));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void A_malformed_token_is_refused(string? token) => Assert.Null(Tokens.Read(token));

    [Fact]
    public void A_well_signed_token_of_another_version_or_without_a_contact_is_refused()
    {
        var key = Keys.For(TokenUse.Preferences);
        var expires = clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds();

        Assert.Null(Tokens.Read(SignedToken.Sign(new PreferenceTokenPayload(2, "acme", "jane@acme.example", expires), ReflectionJson.For<PreferenceTokenPayload>(), key)));
        Assert.Null(Tokens.Read(SignedToken.Sign(new PreferenceTokenPayload(1, "acme", "", expires), ReflectionJson.For<PreferenceTokenPayload>(), key)));
        Assert.Null(Tokens.Read(SignedToken.Sign(new WrongShape(1), ReflectionJson.For<WrongShape>(), key)));
    }

    [Fact]
    public void Each_recipient_gets_its_own_link_escaped_for_html_and_text_and_SES_page_without_keys()
    {
        var email = new EmailConfig { PortalBaseUrl = "https://changes.msp.example/" };
        var message = new OutgoingEmail("from@msp.example", "", "s", $"<a href=\"{PreferenceLinks.Placeholder}\">p</a>", $"Preferences: {PreferenceLinks.Placeholder}", null, [], new Dictionary<string, string>());
        var links = new PreferenceLinks(email, Tokens);

        var jane = links.Address(message, "acme", "jane@acme.example");
        var bob = links.Address(message, "acme", "bob@acme.example");
        var none = PreferenceLinks.None(email).Address(message, "acme", "jane@acme.example");

        var url = jane.TextBody["Preferences: ".Length..];
        Assert.StartsWith("https://changes.msp.example/preferences.html?token=", url);
        Assert.Equal(("jane@acme.example", $"<a href=\"{url}\">p</a>"), (jane.To, jane.HtmlBody));
        Assert.Equal("jane@acme.example", Tokens.Read(Uri.UnescapeDataString(url.Split("token=")[1]))!.EmailAddress);
        Assert.Equal("bob@acme.example", Tokens.Read(Uri.UnescapeDataString(bob.TextBody.Split("token=")[1]))!.EmailAddress);
        Assert.Equal("Preferences: {{amazonSESUnsubscribeUrl}}", none.TextBody);
    }

    private static string Payload(string customer, string email) =>
        Base64Url.EncodeToString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new PreferenceTokenPayload(1, customer, email, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds())));

    /// <summary>A signed payload of another shape: <c>{"v":1}</c> and nothing else.</summary>
    public sealed record WrongShape([property: JsonPropertyName("v")] int Version);
}
