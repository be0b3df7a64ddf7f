using System.Text.Json;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Lambda.Endpoints;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>config.json <c>auth</c>, resolved: the secret read (from its environment variable), defaults filled in.</summary>
public sealed record SessionAuthSettings(byte[] Key, string CookieName, string Issuer, string Audience, TimeSpan ClockSkew, bool AllowSelfApproval, string? PortalOrigin)
{
    /// <summary>AWS mode needs <c>auth</c>; a missing section, variable or bad secret is a configuration problem naming the field.</summary>
    public static SessionAuthSettings Resolve(LoadedConfig config, Func<string, string?> environment)
    {
        var file = config.ConfigPath;
        if (config.Config.Auth is not { } auth)
            throw Problem(file, "auth", "AWS mode verifies the sign-in session token and has no auth settings.",
                "Add \"auth\": {\"session_secret_env\": \"CHANGEMGMT_SESSION_SECRET\"} and set that variable to the edge function's base64 secret.");
        string secret;
        string field;
        if (auth.SessionSecretEnv is { } name)
        {
            field = "auth.session_secret_env";
            secret = environment(name) ?? "";
            if (secret.Length == 0)
                throw Problem(file, field, $"The environment variable {name} is not set.", $"Set {name} to the shared session secret (base64).");
        }
        else if (auth.SessionSecret is { } inline)
        {
            field = "auth.session_secret";
            secret = inline;
        }
        else
        {
            throw Problem(file, "auth.session_secret_env", "No session secret is configured.", "Name the environment variable that holds the base64 secret in auth.session_secret_env.");
        }
        if (AuthConfig.DecodeSecret(secret) is not { Length: >= AuthConfig.MinSecretBytes } key)
            throw Problem(file, field, $"The session secret is not base64 of at least {AuthConfig.MinSecretBytes} bytes.", "Use the edge function's secret, e.g. from openssl rand -base64 32.");
        return new(key,
            auth.CookieName ?? AuthConfig.DefaultCookieName,
            auth.Issuer ?? AuthConfig.DefaultIssuer,
            auth.Audience ?? AuthConfig.DefaultAudience,
            TimeSpan.FromSeconds(auth.ClockSkewSeconds ?? AuthConfig.DefaultClockSkewSeconds),
            auth.AllowSelfApproval ?? false,
            auth.PortalOrigin?.TrimEnd('/') ?? PortalCors.Origin(config));
    }

    private static ConfigException Problem(string file, string path, string message, string fix) => new([new ConfigProblem(file, path, message, fix)]);
}

/// <summary>
/// Verifies the edge function's session token (JWT, HS256 with the configured key only; alg none or
/// any other algorithm refused; exp/nbf with the clock skew; iss; aud) and makes the caller from its
/// claims: sub, name, email, roles (unknown names ignored), customers (present: a customer-scoped user).
/// </summary>
public sealed class SessionVerifier
{
    private const int MaxTokenBytes = 8 * 1024;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenBytes };
    private readonly TokenValidationParameters parameters;

    public SessionVerifier(SessionAuthSettings settings)
    {
        Settings = settings;
        parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(settings.Key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ClockSkew = settings.ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
        };
    }

    public SessionAuthSettings Settings { get; }

    /// <summary>The caller, or null with the reason the token is refused.</summary>
    public async Task<(Caller? Caller, string? Refused)> VerifyAsync(string token, SignIn via)
    {
        if (token.Length > MaxTokenBytes) return (null, "The session token is too large.");
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            return (null, result.Exception switch
            {
                SecurityTokenExpiredException => "The session has expired.",
                SecurityTokenNotYetValidException => "The session token is not valid yet.",
                SecurityTokenInvalidAudienceException => "The session token is for another audience.",
                SecurityTokenInvalidIssuerException => "The session token is from another issuer.",
                _ => "The session token is not valid.",
            });
        if (jwt.Alg != SecurityAlgorithms.HmacSha256 || string.IsNullOrWhiteSpace(jwt.Subject))
            return (null, "The session token is not valid.");
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var claims = payload.RootElement;
        if (!StringArray(claims, "roles", out var roles) || !StringArray(claims, "customers", out var customers)
            || !OptionalString(claims, "name", out var name) || !OptionalString(claims, "email", out var email))
            return (null, "The session token's claims are not of their types (roles and customers: arrays of strings; name, email: strings).");
        return (new Caller(
            jwt.Subject,
            "aws",
            (roles ?? []).Select(Caller.ParseRole).OfType<Role>().ToHashSet(),
            customers?.ToHashSet(StringComparer.Ordinal),
            via,
            name,
            email), null);
    }

    /// <summary>
    /// A claim that must be an array of strings when present (absent: null). Any other type fails closed:
    /// a <c>customers</c> claim that is a string or a number must never read as "no customer scope".
    /// </summary>
    private static bool StringArray(JsonElement claims, string claim, out IReadOnlyList<string>? values)
    {
        values = null;
        if (!claims.TryGetProperty(claim, out var value)) return true;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String)) return false;
        values = [.. value.EnumerateArray().Select(e => e.GetString()!)];
        return true;
    }

    private static bool OptionalString(JsonElement claims, string claim, out string? text)
    {
        text = null;
        if (!claims.TryGetProperty(claim, out var value)) return true;
        if (value.ValueKind != JsonValueKind.String) return false;
        text = value.GetString();
        return true;
    }
}
