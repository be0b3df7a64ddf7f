using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>auth</c> (optional; the server in AWS mode requires it, local mode ignores it):
/// how the API verifies the session token the sign-in edge function issues (JWT HS256).
/// The secret is best given through an environment variable named by <see cref="SessionSecretEnv"/>.
/// </summary>
public sealed record AuthConfig
{
    public const string DefaultCookieName = "cm_session";
    public const string DefaultIssuer = "changemgmt-edge";
    public const string DefaultAudience = "changemgmt-api";
    public const int DefaultClockSkewSeconds = 60;
    public const int MaxClockSkewSeconds = 300;
    /// <summary>HS256 needs a key of at least 256 bits.</summary>
    public const int MinSecretBytes = 32;

    /// <summary>The shared secret, base64 (prefer <see cref="SessionSecretEnv"/>).</summary>
    [JsonPropertyName("session_secret")] public string? SessionSecret { get; init; }
    /// <summary>The name of the environment variable that holds the base64 secret.</summary>
    [JsonPropertyName("session_secret_env")] public string? SessionSecretEnv { get; init; }
    [JsonPropertyName("cookie_name")] public string? CookieName { get; init; }
    [JsonPropertyName("issuer")] public string? Issuer { get; init; }
    [JsonPropertyName("audience")] public string? Audience { get; init; }
    [JsonPropertyName("clock_skew_seconds")] public int? ClockSkewSeconds { get; init; }
    /// <summary>Whether an approver may approve a change they created or last modified (default false).</summary>
    [JsonPropertyName("allow_self_approval")] public bool? AllowSelfApproval { get; init; }
    /// <summary>The portal's origin for the CSRF check (default: the origin of email_config.portal_base_url).</summary>
    [JsonPropertyName("portal_origin")] public string? PortalOrigin { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>The secret's bytes, or null when <paramref name="base64"/> is not base64.</summary>
    public static byte[]? DecodeSecret(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
