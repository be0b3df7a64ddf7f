using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Feedback;

namespace ChangeMgmt.Tests.Configuration;

public sealed class BouncePolicyConfigTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private LoadedConfig Load(string config)
    {
        var path = temp.Write("config.json", config);
        temp.CopyFixture("SESConfig.json");
        return ConfigLoader.Load(path);
    }

    private const string Email = """ "email_config": { "sender_address": "changes@msp.example" } """;

    [Fact]
    public void Unknown_actions_are_refused_naming_the_field_and_the_allowed_values()
    {
        var ex = Assert.Throws<ConfigException>(() => Load($$"""
            { "bounce_policy": { "permanent_bounce": "delete" },
              "customer_mappings": { "acme": { "customer_code": "acme", "bounce_policy": { "complaint": "opt_out" } } }, {{Email}} }
            """));

        var bounce = Assert.Single(ex.Problems, p => p.Path == "bounce_policy.permanent_bounce");
        Assert.Contains("opt_out, remove, keep", bounce.Message);
        var complaint = Assert.Single(ex.Problems, p => p.Path == "customer_mappings.acme.bounce_policy.complaint");
        Assert.Contains("unsubscribe_all, remove, keep", complaint.Fix);
        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void A_customer_overrides_the_top_level_field_by_field_and_the_rest_falls_back_to_the_defaults()
    {
        var loaded = Load($$"""
            { "bounce_policy": { "complaint": "remove" },
              "customer_mappings": { "acme": { "customer_code": "acme", "bounce_policy": { "permanent_bounce": "keep" } },
                                     "globex": { "customer_code": "globex" } }, {{Email}} }
            """);

        Assert.Equal(new BouncePolicy(HygieneAction.Keep, HygieneAction.Remove), BouncePolicyConfig.For(loaded.Config, loaded.Customer("acme")));
        Assert.Equal(new BouncePolicy(HygieneAction.OptOut, HygieneAction.Remove), BouncePolicyConfig.For(loaded.Config, loaded.Customer("globex")));
        Assert.Equal(new BouncePolicy(HygieneAction.OptOut, HygieneAction.UnsubscribeAll), BouncePolicyConfig.Default);
    }
}
