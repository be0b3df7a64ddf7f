using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;
using Microsoft.IdentityModel.Tokens;

namespace ChangeMgmt.Api.Tests;

/// <summary>AWS mode: only a valid session token gets in; identity headers are never trusted.</summary>
public sealed class SignInTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly string[] Viewer = ["viewer"];

    [Theory]
    [InlineData("X-Forwarded-User", "admin")]
    [InlineData("X-Amzn-Oidc-Identity", "admin")]
    [InlineData("X-Amzn-Oidc-Data", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.")]
    [InlineData("X-ChangeMgmt-User", "admin")]
    [InlineData("X-Remote-User", "admin")]
    public async Task Forged_identity_headers_without_a_token_are_401(string header, string value)
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/me"), (HttpMethod.Get, "/api/changes"), (HttpMethod.Post, "/api/changes") })
        {
            using var response = await fixture.Host.SendAsync(method, path, method == HttpMethod.Post ? Changes.Complete("forged", "acme") : null,
                (header, value), ("X-ChangeMgmt-Roles", "admin"));
            var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Sign-in required", (string)problem["title"]!);
        }
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "tampered", TestTokens.Tampered("vic", Viewer) },
        { "wrong key", TestTokens.For("vic", ["admin"], secret: TestTokens.OtherSecret()) },
        { "alg none", TestTokens.Unsigned("vic", ["admin"]) },
        { "HS512", TestTokens.For("vic", ["admin"], algorithm: SecurityAlgorithms.HmacSha512) },
        { "expired", TestTokens.For("vic", ["admin"], expiresIn: TimeSpan.FromMinutes(-5)) },
        { "not yet valid", TestTokens.For("vic", ["admin"], validFrom: TimeSpan.FromMinutes(10), expiresIn: TimeSpan.FromMinutes(20)) },
        { "wrong audience", TestTokens.For("vic", ["admin"], audience: "another-api") },
        { "wrong issuer", TestTokens.For("vic", ["admin"], issuer: "someone-else") },
        { "garbage", "not.a.jwt" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_tokens_are_401_as_bearer_and_as_cookie(string what, string token)
    {
        foreach (var cookie in new[] { false, true })
        {
            using var response = await fixture.SendAsync(token, HttpMethod.Get, "/api/me", cookie: cookie);
            var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Unauthorized);
            Assert.True(problem["detail"] is not null, what);
        }
    }

    public static TheoryData<string, object> MistypedClaims => new()
    {
        { "customers", "acme" }, { "customers", 5 }, { "customers", true }, { "customers", new Dictionary<string, object> { ["acme"] = true } },
        { "customers", new object[] { "acme", 5 } }, { "roles", "admin" }, { "roles", 1 }, { "roles", new object[] { "admin", true } },
        { "name", 5 }, { "email", new[] { "a@msp.example" } },
    };

    [Theory]
    [MemberData(nameof(MistypedClaims))]
    public async Task A_claim_of_the_wrong_type_is_401_never_an_unscoped_user(string claim, object value)
    {
        var token = TestTokens.For("mallory", ["admin"], ["acme"], overrides: new Dictionary<string, object> { [claim] = value });

        using var response = await fixture.SendAsync(token, HttpMethod.Get, "/api/changes");

        var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("claims", (string)problem["detail"]!);
    }

    [Fact]
    public async Task An_expired_token_within_the_clock_skew_is_accepted()
    {
        var me = await fixture.JsonAsync(TestTokens.For("skewed", Viewer, expiresIn: TimeSpan.FromSeconds(-20)), HttpMethod.Get, "/api/me");
        Assert.Equal("skewed", (string)me["user"]!);
    }

    [Fact]
    public async Task Health_answers_without_sign_in_and_me_shows_the_verified_user()
    {
        Assert.Equal("aws", (string)(await fixture.Host.GetJsonAsync("/api/health"))["mode"]!);

        var me = await fixture.JsonAsync(TestTokens.For("sam", ["editor", "approver", "unknown-role"], ["acme"]), HttpMethod.Get, "/api/me");

        Assert.Equal("sam", (string)me["user"]!);
        Assert.Equal("aws", (string)me["mode"]!);
        Assert.False((bool)me["local"]!);
        Assert.Equal("sam@msp.example", (string)me["email"]!);
        Assert.Equal(["editor", "approver"], me["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["acme"], me["customers"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task There_is_no_local_operator_in_aws_mode()
    {
        using var me = await fixture.Host.Http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var outbox = await fixture.SendAsync(TestTokens.For("ada", ["admin"]), HttpMethod.Get, "/api/outbox");
        Assert.Equal(HttpStatusCode.NotFound, outbox.StatusCode);
    }

    [Fact]
    public async Task A_user_without_roles_reads_nothing()
    {
        using var response = await fixture.SendAsync(TestTokens.For("nobody", []), HttpMethod.Get, "/api/changes");
        var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("viewer", (string)problem["requiredRole"]!);
    }
}

/// <summary>CSRF: a cookie-signed change request needs a non-simple header and, with an Origin, the portal's.</summary>
public sealed class CsrfTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private readonly string editor = TestTokens.For("eddie", ["editor"]);

    [Fact]
    public async Task Cookie_with_a_text_plain_post_is_403()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/changes") { Content = AuthFixture.Text(Changes.Complete("csrf", "acme").ToJsonString()) };
        request.Headers.Add("Cookie", $"cm_session={editor}");
        using var response = await fixture.Host.Http.SendAsync(request);
        await ApiHost.ReadAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cookie_with_a_bodyless_post_is_403_and_with_x_requested_with_is_allowed()
    {
        var id = await fixture.ChangeAsync("eddie", "draft");
        using (var bare = await fixture.SendAsync(editor, HttpMethod.Post, $"/api/changes/{id}/submit", cookie: true))
            await ApiHost.ReadAsync(bare, HttpStatusCode.Forbidden);
        using var marked = await fixture.SendAsync(editor, HttpMethod.Post, $"/api/changes/{id}/submit", cookie: true, headers: ("X-Requested-With", "XMLHttpRequest"));
        await ApiHost.ReadAsync(marked, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cookie_with_a_foreign_origin_is_403_and_with_the_portal_origin_is_allowed()
    {
        using (var foreign = await fixture.SendAsync(editor, HttpMethod.Post, "/api/changes", Changes.Complete("csrf", "acme"), cookie: true, headers: ("Origin", "https://evil.example")))
            await ApiHost.ReadAsync(foreign, HttpStatusCode.Forbidden);
        using var portal = await fixture.SendAsync(editor, HttpMethod.Post, "/api/changes", Changes.Complete("csrf", "acme"), cookie: true, headers: ("Origin", "http://127.0.0.1:5080"));
        await ApiHost.ReadAsync(portal, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bearer_tokens_need_no_csrf_header()
    {
        var id = await fixture.ChangeAsync("eddie", "draft");
        using var response = await fixture.SendAsync(editor, HttpMethod.Post, $"/api/changes/{id}/submit", headers: ("Origin", "https://tool.example"));
        await ApiHost.ReadAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reads_by_cookie_need_nothing_more()
    {
        using var response = await fixture.SendAsync(editor, HttpMethod.Get, "/api/changes", cookie: true);
        await ApiHost.ReadAsync(response, HttpStatusCode.OK);
    }
}

/// <summary>Separation of duties, and the audit line of every mutating request.</summary>
public sealed class ApprovalAndAuditTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task An_approver_cannot_approve_a_change_they_created_or_last_modified()
    {
        var both = TestTokens.For("pat", ["editor", "approver"]);
        var id = await fixture.SubmittedAsync(both);

        var refused = await fixture.JsonAsync(both, HttpMethod.Post, $"/api/changes/{id}/approve", new { }, HttpStatusCode.Forbidden);
        Assert.Contains("another approver", (string)refused["detail"]!);
        var admin = await fixture.JsonAsync(TestTokens.For("pat", ["admin"]), HttpMethod.Post, $"/api/changes/{id}/approve", new { }, HttpStatusCode.Forbidden);
        Assert.Equal("approver", (string)admin["requiredRole"]!);

        // An approver who edited the submitted change is its last modifier.
        var other = TestTokens.For("quinn", ["approver"]);
        var current = await fixture.JsonAsync(other, HttpMethod.Get, $"/api/changes/{id}");
        using var edit = await fixture.SendAsync(other, HttpMethod.Put, $"/api/changes/{id}", current, headers: ("If-Match", $"\"{(int)current["version"]!}\""));
        await ApiHost.ReadAsync(edit, HttpStatusCode.OK);
        await fixture.JsonAsync(other, HttpMethod.Post, $"/api/changes/{id}/approve", new { }, HttpStatusCode.Forbidden);

        var approved = await fixture.JsonAsync(TestTokens.For("rita", ["approver"]), HttpMethod.Post, $"/api/changes/{id}/approve", new { });
        Assert.Equal("approved", (string)approved["change"]!["status"]!);
        Assert.Equal("rita", (string)approved["change"]!["approvedBy"]!);
        Assert.Contains(approved["change"]!["modifications"]!.AsArray(), m => (string)m!["user_id"]! == "rita");
    }

    [Fact]
    public async Task Each_mutating_request_writes_one_audit_line()
    {
        var id = await fixture.ChangeAsync("alice", "submitted", "acme", "globex");
        await fixture.JsonAsync(TestTokens.For("vera", ["viewer"]), HttpMethod.Post, $"/api/changes/{id}/approve", new { }, HttpStatusCode.Forbidden);
        await fixture.JsonAsync(TestTokens.For("abe", ["approver"]), HttpMethod.Post, $"/api/changes/{id}/approve", new { });
        using (await fixture.Host.Http.PostAsync($"/api/changes/{id}/cancel", null)) { }

        var lines = fixture.Logs.Entries.Where(e => e.Category == "ChangeMgmt.Audit")
            .Select(e => JsonNode.Parse(e.Message)!).Where(l => (string?)l["changeId"] == id).ToList();
        var ok = Assert.Single(lines, l => (string)l["user"]! == "abe");
        Assert.True((bool)ok["audit"]!);
        Assert.Equal("approve", (string)ok["action"]!);
        Assert.Equal("ok", (string)ok["outcome"]!);
        Assert.Equal(200, (int)ok["status"]!);
        Assert.Equal(["approver"], ok["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["acme", "globex"], ok["customers"]!.AsArray().Select(r => (string)r!));
        var denied = Assert.Single(lines, l => (string?)l["user"] == "vera");
        Assert.Equal(("approve", "denied", 403), ((string)denied["action"]!, (string)denied["outcome"]!, (int)denied["status"]!));
        var anonymous = Assert.Single(lines, l => l["user"] is null);
        Assert.Equal(("cancel", "denied", 401), ((string)anonymous["action"]!, (string)anonymous["outcome"]!, (int)anonymous["status"]!));
        Assert.Single(lines, l => (string?)l["user"] == "alice" && (string)l["action"]! == "submit");
    }
}

public sealed class SelfApprovalAllowedTests(SelfApprovalFixture fixture) : IClassFixture<SelfApprovalFixture>
{
    [Fact]
    public async Task With_allow_self_approval_an_approver_approves_their_own_change()
    {
        var both = TestTokens.For("pat", ["editor", "approver"]);
        var id = await fixture.SubmittedAsync(both);
        var approved = await fixture.JsonAsync(both, HttpMethod.Post, $"/api/changes/{id}/approve", new { });
        Assert.Equal("approved", (string)approved["change"]!["status"]!);
    }
}
