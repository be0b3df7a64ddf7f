using System.Net;
using ChangeMgmt.Lambda.Hosting;

namespace ChangeMgmt.Api.Tests;

public sealed class PortalFilesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    [Theory]
    [InlineData("/", "text/html", "<title>ChangeMgmt</title>")]
    [InlineData("/index.html", "text/html", "<title>ChangeMgmt</title>")]
    [InlineData("/app.js", "text/javascript", "ready")]
    [InlineData("/app.css", "text/css", "margin")]
    [InlineData("/logo.svg", "image/svg+xml", "<svg")]
    public async Task The_portal_files_are_served_with_their_type_and_no_cache(string path, string type, string content)
    {
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
        Assert.Contains(content, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_route_wins_over_a_static_file_of_the_same_path()
    {
        Assert.True(File.Exists(Path.Combine(host.WebRoot, "api", "health")));
        var health = await host.GetJsonAsync("/api/health");
        Assert.Equal("ok", (string)health["status"]!);
        Assert.Equal("local", (string)health["mode"]!);
    }

    [Fact]
    public async Task A_missing_file_is_404()
    {
        using var response = await host.Http.GetAsync("/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_web_root_is_found_walking_up_from_a_start_folder_or_not_at_all()
    {
        var root = Directory.CreateTempSubdirectory("changemgmt-webroot-").FullName;
        try
        {
            var deep = Directory.CreateDirectory(Path.Combine(root, "a", "b", "c")).FullName;
            Assert.Null(PortalFiles.Find(deep));
            Directory.CreateDirectory(Path.Combine(root, "a", "web"));
            Assert.Null(PortalFiles.Find(deep));
            File.WriteAllText(Path.Combine(root, "a", "web", "index.html"), "<!doctype html>");
            Assert.Equal(Path.Combine(root, "a", "web"), PortalFiles.Find(Path.Combine(root, "elsewhere"), deep));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
