using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// Reads a change as a person or a client writes it (API bodies, cmdlet files): an implementation
/// time without a UTC offset is a wall-clock time in the change's <c>timezone</c>, never UTC; without
/// a usable timezone it is refused, naming the field. An IANA alias in <c>timezone</c> becomes its
/// canonical name. Stored changes always carry offsets and are read by <see cref="ChangeJson"/> alone.
/// </summary>
/// <param name="timezone">The zone that replaces the document's (New-ChangeRequest -Path … -TimeZone); null: the document's.</param>
public sealed partial class ChangeInput(string? timezone = null) : JsonConverter<Change>
{
    private static readonly string[] ScheduleFields = ["implementationStart", "implementationEnd"];
    private static readonly JsonSerializerOptions Options = For(null);
    private JsonTypeInfo<Change>? _inner;

    /// <summary>
    /// A change file (New-ChangeRequest -Path); <paramref name="source"/> names it in errors; offset-less times are
    /// read in <paramref name="timezone"/> when given (it will replace the file's), else in the file's timezone.
    /// </summary>
    public static Change Read(ReadOnlySpan<byte> utf8, string source, string? timezone = null)
    {
        if (utf8.Length > ChangeLimits.MaxBodyBytes)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: {utf8.Length:N0} bytes; a change file holds at most {ChangeLimits.MaxBodyBytes / 1024:N0} KiB."));
        try
        {
            return JsonSerializer.Deserialize(utf8, (timezone is null ? Options : For(timezone)).TypeInfo<Change>())
                ?? throw new InvalidDataException($"{source}: the document is empty (null); expected a change object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid change document at {ex.Path ?? "$"}: {ex.Message}", ex);
        }
    }

    public override Change Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var nodeOptions = new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive };
        if (JsonNode.Parse(ref reader, nodeOptions) is not JsonObject body)
            throw new JsonException("Expected a change object.");
        var errors = new List<FieldError>();
        try
        {
            if (body["timezone"] is JsonValue zone && zone.TryGetValue<string>(out var id))
                body["timezone"] = IanaZones.Canonical(id);
            ResolveWallClocks(body, errors);
        }
        // JsonObject refuses a property given twice (the serializer alone would keep the last one silently).
        catch (ArgumentException ex) when (ex.ParamName == "key")
        {
            throw new JsonException($"A property is given more than once: {ex.Message}", ex);
        }
        if (errors.Count > 0)
            throw new ChangeValidationException(errors);
        return body.Deserialize(Inner(options))!;
    }

    public override void Write(Utf8JsonWriter writer, Change value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Inner(options));

    /// <summary>Rewrites each offset-less schedule time as the instant it names in the change's zone.</summary>
    private void ResolveWallClocks(JsonObject body, List<FieldError> errors)
    {
        var wallClocks = ScheduleFields
            .Select(field => (Field: field, Text: body[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null))
            .Where(f => f.Text is not null && WallClock().IsMatch(f.Text))
            .ToList();
        if (wallClocks.Count == 0) return;
        var zone = timezone ?? (body["timezone"] is JsonValue z && z.TryGetValue<string>(out var id) ? id : null);
        foreach (var (field, text) in wallClocks)
        {
            ScheduleTime time;
            try { time = ScheduleTime.Parse(text!); }
            catch (FormatException ex)
            {
                errors.Add(new(field, ex.Message));
                continue;
            }
            if (time.In(zone, field, errors) is { } instant)
                body[field] = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        }
        if (errors.Count > 0 && zone is { Length: > 0 } && IanaZones.Find(zone, out var zoneError) is null)
            errors.Add(new("timezone", zoneError!));
    }

    private static JsonSerializerOptions For(string? timezone) => new(ChangeJson.Options) { Converters = { new ChangeInput(timezone) } };

    /// <summary>
    /// The change's own metadata from the resolvers of <paramref name="options"/>, without this converter: with it the
    /// resolver would answer this converter again (a resolver wraps a converter the options hold for the type).
    /// </summary>
    private JsonTypeInfo<Change> Inner(JsonSerializerOptions options)
    {
        if (_inner is { } inner) return inner;
        var copy = new JsonSerializerOptions(options);
        foreach (var converter in copy.Converters.OfType<ChangeInput>().ToList())
            copy.Converters.Remove(converter);
        return _inner = copy.TypeInfo<Change>();
    }

    /// <summary>
    /// The ISO 8601 forms without an offset that the JSON reader would otherwise take in the server's zone:
    /// 2026-12-10 (midnight), 2026-12-10T22:00, 2026-12-10T22:00:00, 2026-12-10T22:00:00.5.
    /// </summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")]
    private static partial Regex WallClock();
}
