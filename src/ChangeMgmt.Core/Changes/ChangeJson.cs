using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Changes;

/// <summary>The one serializer setup for change JSON (archive objects, triggers, API bodies).</summary>
public static class ChangeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static byte[] Serialize(Change change) => JsonSerializer.SerializeToUtf8Bytes(change, Options);

    public static Change Deserialize(ReadOnlySpan<byte> utf8, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<Change>(utf8, Options)
                ?? throw new InvalidDataException($"{source}: the document is empty (null); expected a change object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid change document at {ex.Path ?? "$"}: {ex.Message}", ex);
        }
    }
}
