using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChangeMgmt.Tests.Deployment;

/// <summary>What every template must satisfy, and small readers for IAM documents.</summary>
internal static partial class TemplateAssertions
{
    private static readonly HashSet<string> Pseudo = ["AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::NoValue", "AWS::URLSuffix", "AWS::NotificationARNs"];

    public static CfnTemplate Deployed(string name) => CfnTemplate.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "deploy", name));

    /// <summary>Every Ref, GetAtt and ${...} in a Sub names a parameter, a resource or a pseudo parameter.</summary>
    public static void ReferencesResolve(CfnTemplate template)
    {
        var parameters = template.Root["Parameters"]?.AsObject().Select(p => p.Key) ?? [];
        var known = new HashSet<string>(parameters.Concat(template.Resources.Select(r => r.Key)).Concat(Pseudo));
        var conditions = new HashSet<string>(template.Root["Conditions"]?.AsObject().Select(c => c.Key) ?? []);
        foreach (var node in CfnTemplate.Walk(template.Root).OfType<JsonObject>())
        {
            if (node["Ref"] is JsonValue r) Assert.Contains((string)r!, known);
            if (node["Fn::GetAtt"] is JsonArray a) Assert.Contains((string)a[0]!, template.Resources.Select(x => x.Key));
            if (node["Fn::Sub"] is JsonValue s)
                foreach (Match m in SubVariable().Matches((string)s!))
                    Assert.Contains(m.Groups[1].Value.Split('.')[0], known);
            if (node["Condition"] is JsonValue c) Assert.Contains((string)c!, conditions);
        }
    }

    /// <summary>Every role's trust names exact principals (services or role ARNs) and the one action sts:AssumeRole.</summary>
    public static void RoleTrustHasNoWildcards(CfnTemplate template)
    {
        var roles = template.OfType("AWS::IAM::Role").ToList();
        Assert.NotEmpty(roles);
        foreach (var (id, role) in roles)
        foreach (var statement in Statements(role["Properties"]!["AssumeRolePolicyDocument"]))
        {
            Assert.Equal("Allow", (string?)statement["Effect"]);
            Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
            var principal = statement["Principal"];
            Assert.True(principal is JsonObject, $"{id}: the principal must name who, not '*'");
            foreach (var text in Strings(principal))
                Assert.False(text.Contains('*'), $"{id} trusts '{text}'");
        }
    }

    public static IEnumerable<JsonObject> Statements(JsonNode? document) =>
        document?["Statement"] switch
        {
            JsonArray list => list.Select(s => s!.AsObject()),
            JsonObject one => [one],
            _ => [],
        };

    /// <summary>The Allow statements of a role's inline policies.</summary>
    public static IEnumerable<JsonObject> Permissions(JsonObject role) =>
        role["Properties"]!["Policies"]!.AsArray().SelectMany(p => Statements(p!["PolicyDocument"]));

    /// <summary>A statement's actions, however written (one or a list).</summary>
    public static IReadOnlyList<string> Actions(JsonObject statement) => [.. Strings(statement["Action"])];

    /// <summary>Every string in a node (literal strings; intrinsic functions' arguments too).</summary>
    public static IEnumerable<string> Strings(JsonNode? node) =>
        CfnTemplate.Walk(node).OfType<JsonValue>().Select(v => v.ToString());

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubVariable();
}
