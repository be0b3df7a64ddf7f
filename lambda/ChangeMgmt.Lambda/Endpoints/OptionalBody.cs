using ChangeMgmt.Core.Json;
using Microsoft.Extensions.Options;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>An action's optional JSON body, read with the HTTP JSON options' metadata (no reflection): null when none is sent.</summary>
internal static class OptionalBody
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType() || request.ContentLength == 0) return null;
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return await request.ReadFromJsonAsync(options.TypeInfo<T>(), ct);
    }
}
