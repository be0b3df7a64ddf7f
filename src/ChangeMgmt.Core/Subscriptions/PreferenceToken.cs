using System.Text.Json.Serialization;
using ChangeMgmt.Core.Tokens;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>Whose preferences a token opens: one contact of one customer, until it expires.</summary>
public sealed record PreferenceTokenPayload(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("c")] string CustomerCode,
    [property: JsonPropertyName("e")] string EmailAddress,
    [property: JsonPropertyName("exp")] long ExpiresAt);

/// <summary>The contact a valid, unexpired preference token names.</summary>
public sealed record PreferenceHolder(string CustomerCode, string EmailAddress, DateTimeOffset ExpiresAt);

/// <summary>
/// The token in an email's preferences link: signed (<see cref="SignedToken"/>, the preferences key), valid
/// <see cref="Lifetime"/> from the send, for exactly one contact of one customer. Nothing is stored: the signature
/// and the expiry are the whole check, so a link keeps working until it expires.
/// </summary>
public sealed class PreferenceToken(TokenKeys keys, TimeProvider time)
{
    public const int CurrentVersion = 1;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    public string Issue(string customerCode, string emailAddress)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return SignedToken.Sign(new PreferenceTokenPayload(CurrentVersion, customerCode, emailAddress, expires), SubscriptionJsonContext.Default.PreferenceTokenPayload, keys.For(TokenUse.Preferences));
    }

    /// <summary>The contact the token opens; null when it is not signed with the key, malformed, of another version, or expired.</summary>
    public PreferenceHolder? Read(string? token)
    {
        if (SignedToken.Read(token, SubscriptionJsonContext.Default.PreferenceTokenPayload, keys.For(TokenUse.Preferences)) is not { Version: CurrentVersion } payload
            || string.IsNullOrEmpty(payload.CustomerCode) || string.IsNullOrEmpty(payload.EmailAddress))
            return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt);
        return expires > time.GetUtcNow() ? new(payload.CustomerCode, payload.EmailAddress, expires) : null;
    }
}
