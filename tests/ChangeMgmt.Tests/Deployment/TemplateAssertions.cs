using System.Text.Json.Nodes;

namespace ChangeMgmt.Tests.Deployment;

/// <summary>What every template must satisfy, and small readers for IAM documents.</summary>
internal static class TemplateAssertions
{
    /// <summary>The EventBridge detail-types of the eight SES events ChangeMgmt records (SES's own spelling).</summary>
    public static readonly string[] SesEventDetailTypes =
    [
        "Email Sent", "Email Delivered", "Email Bounced", "Email Complaint Received", "Email Rejected",
        "Email Delivery Delayed", "Email Rendering Failed", "Email Subscribed",
    ];

    /// <summary>A node's strings, as a list (one string or a list of them).</summary>
    public static IReadOnlyList<string?> TextList(JsonNode? node) => node switch
    {
        JsonArray list => [.. list.Select(n => (string?)n)],
        JsonValue one => [(string?)one],
        _ => [],
    };

    /// <summary>No '*' in any action or resource of a role's permissions.</summary>
    public static void PermissionsNameEveryActionAndResource(JsonObject role)
    {
        foreach (var statement in Permissions(role))
        {
            Assert.DoesNotContain(Strings(statement["Resource"]), r => r.Contains('*'));
            Assert.DoesNotContain(Actions(statement), a => a.Contains('*'));
        }
    }

    /// <summary>A parameter's AllowedPattern takes every value of <paramref name="accepted"/> and none of <paramref name="refused"/>.</summary>
    public static void PatternOf(CfnTemplate template, string parameter, string[] accepted, string[] refused)
    {
        var pattern = new System.Text.RegularExpressions.Regex((string)template.Root["Parameters"]![parameter]!["AllowedPattern"]!);
        Assert.All(accepted, value => Assert.Matches(pattern, value));
        Assert.All(refused, value => Assert.DoesNotMatch(pattern, value));
    }

    public static CfnTemplate Deployed(string name) => CfnTemplate.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "deploy", name));

    /// <summary>Every Ref, GetAtt and ${...} in a Sub names a parameter, a resource or a pseudo parameter.</summary>
    public static void ReferencesResolve(CfnTemplate template) => Assert.Empty(template.UnresolvedReferences());

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

    /// <summary>
    /// A template condition's value for the given parameter and pseudo parameter values, as CloudFormation
    /// evaluates it (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition, Ref, literal strings).
    /// </summary>
    public static bool EvaluateCondition(CfnTemplate template, string name, IReadOnlyDictionary<string, string> values)
    {
        return Truth(template.Root["Conditions"]![name]!);

        bool Truth(JsonNode node) => node.AsObject().Single() switch
        {
            { Key: "Fn::Equals", Value: JsonArray pair } => Value(pair[0]!) == Value(pair[1]!),
            { Key: "Fn::And", Value: JsonArray all } => all.All(c => Truth(c!)),
            { Key: "Fn::Or", Value: JsonArray any } => any.Any(c => Truth(c!)),
            { Key: "Fn::Not", Value: JsonArray one } => !Truth(one.Single()!),
            { Key: "Condition", Value: JsonValue other } => EvaluateCondition(template, (string)other!, values),
            var unknown => throw new NotSupportedException(unknown.Key),
        };

        string Value(JsonNode node) => node switch
        {
            JsonValue literal => (string)literal!,
            JsonObject { Count: 1 } reference when reference["Ref"] is JsonValue r => values.TryGetValue((string)r!, out var v) ? v
                : (string?)template.Root["Parameters"]?[(string)r!]?["Default"] ?? throw new KeyNotFoundException((string)r!),
            _ => throw new NotSupportedException(node.ToJsonString()),
        };
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
}
