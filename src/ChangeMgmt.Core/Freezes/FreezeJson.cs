using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Freezes;

/// <summary>Freeze JSON (stored objects, API bodies), with the change's serializer setup (<see cref="ChangeJson.Options"/>).</summary>
public static class FreezeJson
{
    public static byte[] Serialize(ChangeFreeze freeze) => JsonSerializer.SerializeToUtf8Bytes(freeze, ChangeJson.Options.TypeInfo<ChangeFreeze>());

    public static ChangeFreeze Deserialize(ReadOnlySpan<byte> utf8, string source) => ChangeJson.Deserialize<ChangeFreeze>(utf8, source, "freeze");
}
