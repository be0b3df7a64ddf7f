using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// The API's JSON is generated metadata only (issue 25): no reflection resolver behind the contexts, so a type missing
/// from them fails a test here, as it would fail a request on a trimmed or Native AOT server.
/// </summary>
public sealed class ServerJsonTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    [Fact]
    public void The_http_json_resolves_types_from_generated_contexts_only()
    {
        var chain = host.Get<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions.TypeInfoResolverChain;

        Assert.NotEmpty(chain);
        Assert.All(chain, resolver => Assert.IsAssignableFrom<JsonSerializerContext>(resolver));
        Assert.DoesNotContain(chain, resolver => resolver is DefaultJsonTypeInfoResolver);
    }

    [Fact]
    public async Task A_change_body_leaving_out_the_defaulted_fields_gets_their_defaults()
    {
        var id = await host.CreateAsync(new JsonObject { ["changeTitle"] = "Only a title" });

        var change = await host.GetJsonAsync($"/api/changes/{id}");

        Assert.Equal("draft", (string)change["status"]!);
        Assert.Empty(change["customers"]!.AsArray());
    }
}
