using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChangeMgmt.Testing;

/// <summary>
/// A CloudFormation template read for assertions: YAML short-form tags become the long JSON form
/// (<c>!Ref X</c> → <c>{"Ref":"X"}</c>, <c>!GetAtt A.B</c> → <c>{"Fn::GetAtt":["A","B"]}</c>, <c>!Sub s</c> →
/// <c>{"Fn::Sub":"s"}</c>, …); every scalar stays a string.
/// </summary>
public sealed partial class CfnTemplate(JsonObject root)
{
    private static readonly HashSet<string> Pseudo = ["AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::NoValue", "AWS::URLSuffix", "AWS::NotificationARNs"];

    public JsonObject Root { get; } = root;

    public static CfnTemplate Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new CfnTemplate((JsonObject)ToJson(stream.Documents[0].RootNode)!);
    }

    public static CfnTemplate Load(string path) => Parse(File.ReadAllText(path));

    public JsonObject Resources => Root["Resources"]!.AsObject();

    public JsonObject Resource(string logicalId) =>
        Resources[logicalId]?.AsObject() ?? throw new KeyNotFoundException($"The template has no resource {logicalId}.");

    public JsonObject Properties(string logicalId) => Resource(logicalId)["Properties"]!.AsObject();

    public IEnumerable<(string Id, JsonObject Resource)> OfType(string type) =>
        Resources.Where(r => (string?)r.Value!["Type"] == type).Select(r => (r.Key, r.Value!.AsObject()));

    /// <summary>Every node of the template, depth first.</summary>
    public static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null) yield break;
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        foreach (var descendant in Walk(child))
            yield return descendant;
    }

    /// <summary>A JSON template CloudFormation takes as it is.</summary>
    public string ToJsonText() => Root.ToJsonString();

    /// <summary>Every Ref, GetAtt, ${...} in a Sub and Condition that names nothing in the template.</summary>
    public IReadOnlyList<string> UnresolvedReferences()
    {
        var resources = Resources.Select(r => r.Key).ToHashSet();
        var known = new HashSet<string>((Root["Parameters"]?.AsObject().Select(p => p.Key) ?? []).Concat(resources).Concat(Pseudo));
        var conditions = (Root["Conditions"]?.AsObject().Select(c => c.Key) ?? []).ToHashSet();
        var missing = new List<string>();
        foreach (var node in Walk(Root).OfType<JsonObject>())
        {
            if (node["Ref"] is JsonValue r && !known.Contains((string)r!)) missing.Add($"Ref {r}");
            if (node["Fn::GetAtt"] is JsonArray a && !resources.Contains((string)a[0]!)) missing.Add($"GetAtt {a[0]}");
            if (node["Fn::Sub"] is JsonValue s)
                missing.AddRange(SubVariable().Matches((string)s!).Select(m => m.Groups[1].Value.Split('.')[0]).Where(v => !known.Contains(v)).Select(v => $"Sub {v}"));
            if (node["Condition"] is JsonValue c && !conditions.Contains((string)c!)) missing.Add($"Condition {c}");
        }
        return missing;
    }

    /// <summary>The resources <paramref name="keep"/> (logical id, type) chooses and the parameters they use (nothing else).</summary>
    public CfnTemplate Subset(Func<string, string, bool> keep)
    {
        var resources = new JsonObject(Resources.Where(r => keep(r.Key, (string)r.Value!["Type"]!)).Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key, r.Value!.DeepClone())));
        var used = Walk(resources).OfType<JsonObject>().Select(n => n["Ref"]).OfType<JsonValue>().Select(v => (string)v!)
            .Concat(Walk(resources).OfType<JsonObject>().Select(n => n["Fn::Sub"]).OfType<JsonValue>().SelectMany(v => SubVariable().Matches((string)v!).Select(m => m.Groups[1].Value)))
            .ToHashSet();
        var parameters = new JsonObject((Root["Parameters"]?.AsObject() ?? []).Where(p => used.Contains(p.Key)).Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, p.Value!.DeepClone())));
        return new CfnTemplate(new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Parameters"] = parameters,
            ["Resources"] = resources,
        });
    }

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubVariable();

    private static JsonNode? ToJson(YamlNode node)
    {
        JsonNode? value = node switch
        {
            YamlScalarNode s => JsonValue.Create(s.Value),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
            YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
            _ => throw new NotSupportedException(node.GetType().Name),
        };
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        return tag switch
        {
            null or "tag:yaml.org,2002:str" => value,
            "!Ref" => new JsonObject { ["Ref"] = value },
            "!GetAtt" when value is JsonValue v => new JsonObject { ["Fn::GetAtt"] = new JsonArray([.. ((string)v!).Split('.', 2).Select(p => (JsonNode)p)]) },
            "!Condition" => new JsonObject { ["Condition"] = value },
            _ when tag.StartsWith('!') => new JsonObject { ["Fn::" + tag[1..]] = value },
            _ => value,
        };
    }
}
