using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws;

/// <summary>
/// Generated metadata for every type this assembly writes or reads as JSON: the AWS request bodies sent through
/// <see cref="SignedJsonClient"/> and the dead letters kept in S3. Names and ignore conditions come from the options
/// that resolve through it.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SesSendEmailBody))]
[JsonSerializable(typeof(CreateContactListBody))]
[JsonSerializable(typeof(UpdateContactListBody))]
[JsonSerializable(typeof(CreateContactBody))]
[JsonSerializable(typeof(UpdateContactBody))]
[JsonSerializable(typeof(ListContactsBody))]
[JsonSerializable(typeof(PutSuppressedDestinationBody))]
[JsonSerializable(typeof(PutAccountSuppressionAttributesBody))]
[JsonSerializable(typeof(PutAccountDetailsBody))]
[JsonSerializable(typeof(CreateEmailIdentityBody))]
[JsonSerializable(typeof(PutDkimSigningAttributesBody))]
[JsonSerializable(typeof(PutMailFromAttributesBody))]
[JsonSerializable(typeof(PutIdentityConfigurationSetBody))]
[JsonSerializable(typeof(CreateConfigurationSetBody))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(DescribeUserRequest))]
[JsonSerializable(typeof(GetUserIdRequest))]
[JsonSerializable(typeof(ListGroupsRequest))]
[JsonSerializable(typeof(ListGroupMembershipsRequest))]
[JsonSerializable(typeof(ListGroupMembershipsForMemberRequest))]
[JsonSerializable(typeof(ListInstancesRequest))]
[JsonSerializable(typeof(DescribeOrganizationRequest))]
[JsonSerializable(typeof(ListAccountsRequest))]
[JsonSerializable(typeof(ListAWSServiceAccessForOrganizationRequest))]
[JsonSerializable(typeof(AlternateContactRequest))]
[JsonSerializable(typeof(PutAlternateContactRequest))]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class AwsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The AWS JSON APIs' own spelling: property names as declared (PascalCase, as the API references spell them),
    /// null members left out. The same options as <see cref="SignedJsonClient.Json"/>.
    /// </summary>
    public static AwsJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
