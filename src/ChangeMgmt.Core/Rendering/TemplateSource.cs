namespace ChangeMgmt.Core.Rendering;

/// <summary>A template's text and where it came from (a file path, or "embedded").</summary>
public sealed record TemplateSource(string Name, string Origin, string Text)
{
    public const string EmbeddedOrigin = "embedded";

    public override string ToString() => $"{Name} ({Origin})";
}
