using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChangeMgmt.Deployment;

/// <summary>CloudFormation YAML nodes: intrinsic functions in their short form (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>).</summary>
internal static class CfnYaml
{
    public static YamlScalarNode Text(string value) => new(value);

    /// <summary>Text written quoted: digits that must stay a string (an account id such as 012345678901 is no number, octal or not).</summary>
    public static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.SingleQuoted };

    /// <summary>A number, written plain (not quoted).</summary>
    public static YamlScalarNode Number(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Flag(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    public static YamlScalarNode Ref(string name) => new(name) { Tag = new TagName("!Ref") };

    public static YamlScalarNode GetAtt(string resource, string attribute) => new($"{resource}.{attribute}") { Tag = new TagName("!GetAtt") };

    public static YamlScalarNode Sub(string template) => new(template) { Tag = new TagName("!Sub"), Style = ScalarStyle.SingleQuoted };

    public static YamlMappingNode Map(params (string Key, YamlNode Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries) map.Add(key, value);
        return map;
    }

    public static YamlSequenceNode List(IEnumerable<YamlNode> items) => new(items);

    public static YamlSequenceNode List(params YamlNode[] items) => new(items);

    /// <summary>The mapping under <paramref name="key"/>, created empty when absent.</summary>
    public static YamlMappingNode MappingAt(YamlMappingNode parent, string key) => ChildAt<YamlMappingNode>(parent, key);

    /// <summary>The sequence under <paramref name="key"/>, created empty when absent.</summary>
    public static YamlSequenceNode SequenceAt(YamlMappingNode parent, string key) => ChildAt<YamlSequenceNode>(parent, key);

    private static T ChildAt<T>(YamlMappingNode parent, string key) where T : YamlNode, new()
    {
        if (parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
            return node as T ?? throw new InvalidOperationException($"'{key}' in the base template is not a {typeof(T).Name}.");
        var created = new T();
        parent.Add(key, created);
        return created;
    }

    public static string? ScalarAt(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    public static void Set(YamlMappingNode parent, string key, YamlNode value) => parent.Children[new YamlScalarNode(key)] = value;
}
