using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace ChangeMgmt.Testing;

/// <summary>
/// A CloudFormation template read for assertions: YAML short-form tags become the long JSON form
/// (<c>!Ref X</c> → <c>{"Ref":"X"}</c>, <c>!GetAtt A.B</c> → <c>{"Fn::GetAtt":["A","B"]}</c>, <c>!Sub s</c> →
/// <c>{"Fn::Sub":"s"}</c>, …); every scalar stays a string.
/// </summary>
public sealed class CfnTemplate(JsonObject root)
{
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
