using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Local mode serves the portal (<c>web/</c>) at <c>/</c>; on AWS CloudFront serves it from S3.
/// API routes win: the static file middleware steps aside for any request that matched an endpoint.
/// </summary>
public static class PortalFiles
{
    private const string IndexFile = "index.html";

    /// <summary>The first <c>web/</c> holding index.html walking up from each start folder, or null.</summary>
    public static string? Find(params string[] startFolders)
    {
        foreach (var start in startFolders)
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var web = Path.Combine(folder.FullName, "web");
                if (File.Exists(Path.Combine(web, IndexFile))) return web;
            }
        return null;
    }

    public static void UsePortalFiles(this WebApplication app, ServerSettings settings)
    {
        var root = settings.WebRoot ?? Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
        if (root is null || !Directory.Exists(root))
        {
            app.Logger.LogInformation("No portal files (web/index.html) found{Given}; serving the API only", root is null ? "" : $" at {root}");
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, DefaultFileNames = [IndexFile] });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = ContentTypes(),
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.Logger.LogInformation("Serving the portal from {WebRoot}", root);
    }

    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".mjs"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".svg"] = "image/svg+xml";
        types.Mappings[".json"] = "application/json; charset=utf-8";
        return types;
    }
}
