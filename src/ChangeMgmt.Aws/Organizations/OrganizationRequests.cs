namespace ChangeMgmt.Aws.Organizations;

// Request bodies of the Organizations (JSON 1.1) and Account (REST-JSON) operations, named and shaped as in the API reference.

/// <summary>DescribeOrganization takes an empty object.</summary>
internal sealed record DescribeOrganizationRequest;

internal sealed record ListAccountsRequest(int MaxResults, string? NextToken);

internal sealed record ListAWSServiceAccessForOrganizationRequest(string? NextToken);

/// <summary>GetAlternateContact and DeleteAlternateContact; a null account id is the caller's own account.</summary>
internal sealed record AlternateContactRequest(string? AccountId, string AlternateContactType);

internal sealed record PutAlternateContactRequest(string? AccountId, string AlternateContactType, string Name, string Title, string EmailAddress, string PhoneNumber);
