using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// Finds templates for a customer: <c>{overrideDirectory}/{customerCode}/{name}</c>, then
/// <c>{overrideDirectory}/{name}</c>, then the embedded default. What it read is cached for the
/// life of the library, so edited overrides apply after a restart.
/// </summary>
public sealed partial class TemplateLibrary(string? overrideDirectory)
{
    private const string ResourcePrefix = "ChangeMgmt.Templates.";

    private readonly ConcurrentDictionary<(string Customer, string Name), TemplateSource> cache = new();

    public TemplateSource Find(string customerCode, string name)
    {
        RequireSafeSegment(customerCode, nameof(customerCode));
        RequireSafeSegment(name, nameof(name));
        return cache.GetOrAdd((customerCode, name), key => Load(key.Customer, key.Name));
    }

    public string GetText(string customerCode, string name) => Find(customerCode, name).Text;

    private TemplateSource Load(string customerCode, string name) =>
        FromFile(Path.Combine(customerCode, name), name)
        ?? FromFile(name, name)
        ?? FromResource(name)
        ?? throw new TemplateException(name, null, $"No template named '{name}' exists (customer '{customerCode}').");

    private TemplateSource? FromFile(string relativePath, string name)
    {
        if (string.IsNullOrWhiteSpace(overrideDirectory)) return null;
        var path = Path.Combine(overrideDirectory, relativePath);
        return File.Exists(path) ? new TemplateSource(name, path, File.ReadAllText(path, Encoding.UTF8)) : null;
    }

    private static TemplateSource? FromResource(string name)
    {
        using var stream = typeof(TemplateLibrary).Assembly.GetManifestResourceStream(ResourcePrefix + name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new TemplateSource(name, TemplateSource.EmbeddedOrigin, reader.ReadToEnd());
    }

    // Names become path segments: nothing that could climb out of the override directory.
    private static void RequireSafeSegment(string value, string parameter)
    {
        if (value is null || !SafeSegment().IsMatch(value))
            throw new ArgumentException($"'{value}' is not a valid template path segment.", parameter);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeSegment();
}
