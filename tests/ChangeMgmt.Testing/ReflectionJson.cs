using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChangeMgmt.Testing;

/// <summary>
/// Metadata by reflection with the serializer's defaults, for tests that write payloads the product only reads (a token
/// of the wrong shape, one signed with another key). Product code uses generated contexts only.
/// </summary>
public static class ReflectionJson
{
    public static JsonTypeInfo<T> For<T>() => (JsonTypeInfo<T>)JsonSerializerOptions.Default.GetTypeInfo(typeof(T));
}
