using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// One audit line as compact JSON, written field by field without reflection: <c>{"audit":true,…}</c> with the fields in the
/// order <paramref name="fields"/> writes them. The writer's default encoder escapes as <see cref="JsonSerializer"/>'s default does.
/// </summary>
internal static class AuditJson
{
    public static string Line(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("audit", true);
            fields(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An array of strings, or null.</summary>
    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
