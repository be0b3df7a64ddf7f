using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Identity;

/// <summary>
/// The contact's <c>AttributesData</c> when the identity import added it:
/// <c>{"managedBy":"changemgmt-identity-import","identityStoreId":…,"userId":…}</c>.
/// </summary>
public sealed record ManagedContactMarker(
    [property: JsonPropertyName("managedBy")] string ManagedBy,
    [property: JsonPropertyName("identityStoreId")] string? IdentityStoreId,
    [property: JsonPropertyName("userId")] string? UserId)
{
    public const string IdentityImport = "changemgmt-identity-import";

    public static string For(string identityStoreId, string userId) =>
        JsonSerializer.Serialize(new ManagedContactMarker(IdentityImport, identityStoreId, userId), IdentityJsonContext.Default.ManagedContactMarker);

    /// <summary>The marker in the attributes, or null when they are not the identity import's.</summary>
    public static ManagedContactMarker? Read(string? attributesData)
    {
        if (string.IsNullOrWhiteSpace(attributesData)) return null;
        try
        {
            var marker = JsonSerializer.Deserialize(attributesData, IdentityJsonContext.Default.ManagedContactMarker);
            return marker?.ManagedBy == IdentityImport ? marker : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsManaged(string? attributesData) => Read(attributesData) is not null;
}
