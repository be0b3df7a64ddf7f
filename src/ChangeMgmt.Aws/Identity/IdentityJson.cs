using System.Text.Json.Nodes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Identity;

/// <summary>Identity Store and SSO Admin JSON (PascalCase, as in the API reference) → the port's records.</summary>
internal static class IdentityJson
{
    public static Page<T> Page<T>(JsonNode? response, string itemsName, Func<JsonNode, T> read) =>
        new(Items(response?[itemsName], read), NextToken(response));

    public static IdentityUser User(JsonNode user) => new(
        Required(user, "UserId"),
        Text(user, "UserName"),
        Text(user, "DisplayName"),
        Items(user["Emails"], e => new IdentityEmail(Text(e, "Value"), Text(e, "Type"), Flag(e, "Primary"))),
        Text(user, "UserStatus") switch
        {
            "ENABLED" => true,
            "DISABLED" => false,
            _ => null,
        },
        user["Name"] is JsonObject name
            ? new IdentityName(Text(name, "Formatted"), Text(name, "FamilyName"), Text(name, "GivenName"),
                Text(name, "MiddleName"), Text(name, "HonorificPrefix"), Text(name, "HonorificSuffix"))
            : null);

    public static IdentityGroup Group(JsonNode group) =>
        new(Required(group, "GroupId"), Text(group, "DisplayName"), Text(group, "Description"));

    public static GroupMembership Membership(JsonNode membership) =>
        new(Text(membership, "MembershipId") ?? "", Text(membership, "GroupId") ?? "", membership["MemberId"] is { } member ? Text(member, "UserId") : null);

    public static IdentityCenterInstance Instance(JsonNode instance) => new(
        Required(instance, "InstanceArn"),
        Text(instance, "IdentityStoreId") ?? "",
        Text(instance, "Name"),
        Text(instance, "OwnerAccountId"),
        Text(instance, "Status"));

    public static string Required(JsonNode? node, string name) =>
        Text(node, name) ?? throw new InvalidDataException($"The response has no {name}.");

    private static List<T> Items<T>(JsonNode? array, Func<JsonNode, T> read) =>
        array is JsonArray items ? items.OfType<JsonNode>().Select(read).ToList() : [];

    private static string? NextToken(JsonNode? response) => Text(response, "NextToken") is { Length: > 0 } token ? token : null;

    private static string? Text(JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool? Flag(JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
