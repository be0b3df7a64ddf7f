using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests;

/// <summary>
/// The request bodies written from generated metadata are byte for byte what reflection wrote before: the records against
/// the anonymous objects they replace, and every SES body record against itself written by reflection.
/// </summary>
public sealed class AwsJsonContextTests
{
    private static readonly AwsJsonContext Wire = AwsJsonContext.Wire;

    [Fact]
    public void Identity_store_and_sso_admin_bodies_are_written_as_the_anonymous_objects_were()
    {
        AssertSameBytes(new ListUsersRequest("d-1", 100, null), Wire.ListUsersRequest, new { IdentityStoreId = "d-1", MaxResults = 100, NextToken = (string?)null });
        AssertSameBytes(new ListUsersRequest("d-1", 100, "t"), Wire.ListUsersRequest, new { IdentityStoreId = "d-1", MaxResults = 100, NextToken = "t" });
        AssertSameBytes(new DescribeUserRequest("d-1", "u-1"), Wire.DescribeUserRequest, new { IdentityStoreId = "d-1", UserId = "u-1" });
        AssertSameBytes(GetUserIdRequest.ByUserName("d-1", "jane"), Wire.GetUserIdRequest, new
        {
            IdentityStoreId = "d-1",
            AlternateIdentifier = new { UniqueAttribute = new { AttributePath = "userName", AttributeValue = "jane" } },
        });
        AssertSameBytes(new ListGroupsRequest("d-1", 50, "t"), Wire.ListGroupsRequest, new { IdentityStoreId = "d-1", MaxResults = 50, NextToken = "t" });
        AssertSameBytes(new ListGroupMembershipsRequest("d-1", "g-1", 50, null), Wire.ListGroupMembershipsRequest,
            new { IdentityStoreId = "d-1", GroupId = "g-1", MaxResults = 50, NextToken = (string?)null });
        AssertSameBytes(new ListGroupMembershipsForMemberRequest("d-1", new MemberId("u-1"), 50, "t"), Wire.ListGroupMembershipsForMemberRequest,
            new { IdentityStoreId = "d-1", MemberId = new { UserId = "u-1" }, MaxResults = 50, NextToken = "t" });
        AssertSameBytes(new ListInstancesRequest(100, null), Wire.ListInstancesRequest, new { MaxResults = 100, NextToken = (string?)null });
    }

    [Fact]
    public void Organizations_and_account_bodies_are_written_as_the_anonymous_objects_were()
    {
        AssertSameBytes(new DescribeOrganizationRequest(), Wire.DescribeOrganizationRequest, new { });
        AssertSameBytes(new ListAccountsRequest(20, "t"), Wire.ListAccountsRequest, new { MaxResults = 20, NextToken = "t" });
        AssertSameBytes(new ListAWSServiceAccessForOrganizationRequest(null), Wire.ListAWSServiceAccessForOrganizationRequest, new { NextToken = (string?)null });
        AssertSameBytes(new AlternateContactRequest(null, "SECURITY"), Wire.AlternateContactRequest, new { AccountId = (string?)null, AlternateContactType = "SECURITY" });
        AssertSameBytes(new AlternateContactRequest("111122223333", "BILLING"), Wire.AlternateContactRequest, new { AccountId = "111122223333", AlternateContactType = "BILLING" });
        AssertSameBytes(new PutAlternateContactRequest("111122223333", "OPERATIONS", "Ops", "Desk", "ops@acme.example", "+15550000000"), Wire.PutAlternateContactRequest,
            new { AccountId = "111122223333", AlternateContactType = "OPERATIONS", Name = "Ops", Title = "Desk", EmailAddress = "ops@acme.example", PhoneNumber = "+15550000000" });
    }

    [Fact]
    public void Ses_bodies_are_written_as_reflection_wrote_them()
    {
        var email = new OutgoingEmail("Desk <changes@msp.example>", "jane@acme.example", "CHG-1 approved", "<p>ok</p>", "ok",
            new ListManagementOptions("changemgmt", "aws-announce"), [new EmailAttachment("invite.ics", "text/calendar", [1, 2, 3], "REQUEST")],
            new Dictionary<string, string> { ["change"] = "CHG-1" }, "events");
        var list = new SesContactList("changemgmt", null, [new SesTopic("aws-announce", "Announcements", "", SubscriptionStatus.OptIn)]);
        var contact = new SesContact("jane@acme.example", [new TopicPreference("aws-announce", SubscriptionStatus.OptOut)], false, null);
        var dkim = new DkimSigningAttributesBody("RSA_2048_BIT");

        AssertAsReflection(SesSendEmailBody.From(email), Wire.SesSendEmailBody);
        AssertAsReflection(SesSendEmailBody.From(email with { ListManagement = null, Attachments = [], Tags = new Dictionary<string, string>() }), Wire.SesSendEmailBody);
        AssertAsReflection(CreateContactListBody.From(list), Wire.CreateContactListBody);
        AssertAsReflection(UpdateContactListBody.From(list), Wire.UpdateContactListBody);
        AssertAsReflection(CreateContactBody.From(contact), Wire.CreateContactBody);
        AssertAsReflection(UpdateContactBody.From(contact), Wire.UpdateContactBody);
        AssertAsReflection(new ListContactsBody(new ListContactsFilterBody("OPT_IN", new TopicFilterBody("aws-announce", true)), 1000, null), Wire.ListContactsBody);
        AssertAsReflection(new PutSuppressedDestinationBody("jane@acme.example", "BOUNCE"), Wire.PutSuppressedDestinationBody);
        AssertAsReflection(new PutAccountSuppressionAttributesBody(["BOUNCE", "COMPLAINT"]), Wire.PutAccountSuppressionAttributesBody);
        AssertAsReflection(new PutAccountDetailsBody("TRANSACTIONAL", "https://msp.example", "changes"), Wire.PutAccountDetailsBody);
        AssertAsReflection(new CreateEmailIdentityBody("msp.example", dkim, null), Wire.CreateEmailIdentityBody);
        AssertAsReflection(new PutDkimSigningAttributesBody("AWS_SES", dkim), Wire.PutDkimSigningAttributesBody);
        AssertAsReflection(new PutMailFromAttributesBody("mail.msp.example", "USE_DEFAULT_VALUE"), Wire.PutMailFromAttributesBody);
        AssertAsReflection(new PutIdentityConfigurationSetBody("events"), Wire.PutIdentityConfigurationSetBody);
        AssertAsReflection(new CreateConfigurationSetBody("events", new ReputationOptionsBody(true), new SendingOptionsBody(true)), Wire.CreateConfigurationSetBody);
    }

    private static void AssertSameBytes<T>(T body, JsonTypeInfo<T> type, object before) =>
        Assert.Equal(JsonSerializer.Serialize(before, SeedCalls.Reflection), JsonSerializer.Serialize(body, type));

    private static void AssertAsReflection<T>(T body, JsonTypeInfo<T> type) => AssertSameBytes(body, type, body!);
}
