using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChangeMgmt.Core.Json;

/// <summary>
/// Typed metadata from a set of options whose <see cref="JsonSerializerOptions.TypeInfoResolver"/> is a generated
/// context, so generic helpers serialize without reflection (trimming, Native AOT: docs/performance-cold-start.md).
/// A type the context lacks throws <see cref="NotSupportedException"/> at the first call, which the tests catch.
/// </summary>
public static class JsonTypeInfos
{
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
