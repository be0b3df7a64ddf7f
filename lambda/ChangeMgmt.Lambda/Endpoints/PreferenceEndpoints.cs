using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;

namespace ChangeMgmt.Lambda.Endpoints;

public sealed record PreferenceCustomer(string Code, string DisplayName);

public sealed record PreferenceTopicResponse(string Name, string DisplayName, string Description, string Status);

public sealed record PreferencesResponse(PreferenceCustomer Customer, string Email, IReadOnlyList<PreferenceTopicResponse> Topics, bool UnsubscribeAll, DateTimeOffset ExpiresAt)
{
    public static PreferencesResponse From(ContactPreferences p) => new(
        new(p.Customer.CustomerCode, p.Customer.DisplayName), p.Contact.EmailAddress,
        [.. p.Topics.Select(t => new PreferenceTopicResponse(t.TopicName, t.DisplayName, t.Description, (p.IsOptedIn(t) ? SubscriptionStatus.OptIn : SubscriptionStatus.OptOut).ToAws()))],
        p.Contact.UnsubscribeAll, p.ExpiresAt);
}

public sealed record PreferencesRequest(IReadOnlyList<string>? Topics, bool UnsubscribeAll);

/// <summary>
/// <c>GET|PUT /api/preferences?token=…</c>: a recipient's own topics with one customer, opened by the token in an
/// email's preferences link alone (no session: CallerMiddleware admits the path); only ever that token's contact.
/// </summary>
public static class PreferenceEndpoints
{
    public const string Path = "/api/preferences";

    public static void MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (string? token, PreferencesService preferences, CancellationToken ct) =>
            Answer(await preferences.GetAsync(token, ct)));
        app.MapPut(Path, async (string? token, PreferencesRequest input, PreferencesService preferences, CancellationToken ct) =>
        {
            try
            {
                return Answer(await preferences.SetAsync(token, input.Topics ?? [], input.UnsubscribeAll, ct));
            }
            catch (UnknownPreferenceTopicException e)
            {
                return Problems.BadRequest("topics", e.Message);
            }
        });
    }

    /// <summary>Every token that opens nothing gets the same answer: which case it was is nobody's business.</summary>
    private static IResult Answer(ContactPreferences? preferences) => preferences is null
        ? TypedResults.Problem("This link has expired or is not valid. Use the preferences link in a recent email.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Link expired or not valid")
        : TypedResults.Ok(PreferencesResponse.From(preferences));
}
