namespace ChangeMgmt.Core.Rendering;

/// <summary>A template that cannot be rendered: a typo in a placeholder, an unbalanced section, a missing file.</summary>
public sealed class TemplateException(string templateName, string? placeholder, string message) : Exception(message)
{
    public string TemplateName { get; } = templateName;
    public string? Placeholder { get; } = placeholder;
}
