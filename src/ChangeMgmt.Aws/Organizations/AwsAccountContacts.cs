using System.Text.Json.Nodes;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws.Organizations;

/// <summary>
/// The Account API over REST-JSON (<c>POST /getAlternateContact</c>, <c>/putAlternateContact</c>,
/// <c>/deleteAlternateContact</c>; signing name <c>account</c>, endpoint account.us-east-1.amazonaws.com). A null
/// account id is left out of the body: the caller's own (management) account.
/// </summary>
internal sealed class AwsAccountContacts(PacedJsonCalls calls, CallPacer reads, CallPacer writes) : IAccountContacts
{
    public const string SigningName = "account";

    public async Task<AlternateContact?> GetAsync(string? accountId, AlternateContactType type, CancellationToken ct)
    {
        try
        {
            var answer = await calls.PostAsync("/getAlternateContact", new AlternateContactRequest(accountId, type.ApiName()), AwsJsonContext.Wire.AlternateContactRequest, reads, ct);
            return Contact(answer?["AlternateContact"]);
        }
        catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
    }

    public Task PutAsync(string? accountId, AlternateContactType type, AlternateContact contact, CancellationToken ct) =>
        calls.PostAsync("/putAlternateContact", new PutAlternateContactRequest(accountId, type.ApiName(), contact.Name, contact.Title, contact.Email, contact.Phone),
            AwsJsonContext.Wire.PutAlternateContactRequest, writes, ct);

    public Task DeleteAsync(string? accountId, AlternateContactType type, CancellationToken ct) =>
        calls.PostAsync("/deleteAlternateContact", new AlternateContactRequest(accountId, type.ApiName()), AwsJsonContext.Wire.AlternateContactRequest, writes, ct);

    private static AlternateContact? Contact(JsonNode? c) => c is null ? null
        : new((string?)c["Name"] ?? "", (string?)c["Title"] ?? "", (string?)c["EmailAddress"] ?? "", (string?)c["PhoneNumber"] ?? "");
}
