using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The one serializer setup for change JSON (archive objects, triggers, API bodies), and for the announcements and
/// freezes stored beside them: generated metadata only, so a type missing from the contexts throws at its first use.
/// </summary>
public static class ChangeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ChangeJsonContext.Default, AnnouncementJsonContext.Default, FreezeJsonContext.Default),
    };

    public static byte[] Serialize(Change change) => JsonSerializer.SerializeToUtf8Bytes(change, Options.TypeInfo<Change>());

    public static Change Deserialize(ReadOnlySpan<byte> utf8, string source) => Deserialize<Change>(utf8, source, "change");

    /// <summary>A stored document of another kind with these options; a bad one names <paramref name="source"/> and the <paramref name="kind"/>.</summary>
    internal static T Deserialize<T>(ReadOnlySpan<byte> utf8, string source, string kind) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, Options.TypeInfo<T>())
                ?? throw new InvalidDataException($"{source}: the document is empty (null); expected a {kind} object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid {kind} document at {ex.Path ?? "$"}: {ex.Message}", ex);
        }
    }
}
