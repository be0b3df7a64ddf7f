namespace ChangeMgmt.Core.Rendering;

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

/// <summary><c>{{name}}</c></summary>
internal sealed record ValueNode(string Name, int Line) : TemplateNode;

/// <summary><c>{{&amp;name}}</c>: inserted without escaping; only for the renderer's sanitised HTML values.</summary>
internal sealed record RawValueNode(string Name, int Line) : TemplateNode;

/// <summary><c>{{#name}}…{{/name}}</c> (or <c>{{^name}}</c>, rendered when the value is empty).</summary>
internal sealed record SectionNode(string Name, bool Inverted, int Line, IReadOnlyList<TemplateNode> Children) : TemplateNode;

/// <summary><c>{{>name}}</c>: another template rendered in place.</summary>
internal sealed record IncludeNode(string Name, int Line) : TemplateNode;
