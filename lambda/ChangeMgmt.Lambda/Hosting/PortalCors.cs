using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// CORS for the configured portal only: the origin (scheme://host[:port]) of
/// <c>email_config.portal_base_url</c>. Other origins get no CORS headers, preflights included.
/// </summary>
public static class PortalCors
{
    public const string Policy = "portal";

    /// <summary>The portal's SHA-256 of every write's body, which CloudFront's origin access control to a Lambda function URL needs; the server ignores it.</summary>
    public const string PayloadHashHeader = "x-amz-content-sha256";

    /// <summary>The portal's origin, or null when no portal URL is configured.</summary>
    public static string? Origin(LoadedConfig config) =>
        Uri.TryCreate(config.Email.PortalBaseUrl, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;

    public static IServiceCollection AddPortalCors(this IServiceCollection services, LoadedConfig config) =>
        services.AddCors(options => options.AddPolicy(Policy, policy =>
        {
            if (Origin(config) is { } origin) policy.WithOrigins(origin);
            policy.WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Content-Type", "If-Match", "Idempotency-Key", "X-Requested-With", PayloadHashHeader)
                .WithExposedHeaders("ETag", "Idempotency-Replayed");
        }));
}
