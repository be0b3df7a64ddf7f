using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Lambda.Endpoints;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Builds the server: the portal's API, POST /events, and in local mode the queue worker.</summary>
public static class ServerApp
{
    /// <summary>Returns null (after saying why on stderr) when the server must not start.</summary>
    public static WebApplication? Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var settings = ServerSettings.From(builder.Configuration);
        if (LoopbackGuard.NonLoopback(settings.Urls) is { Count: > 0 } exposed)
            return Refuse($"Local mode serves a single unauthenticated operator and listens on loopback only; refusing {string.Join(", ", exposed)}. Use --urls http://127.0.0.1:PORT.");
        LoadedConfig config;
        try { config = ConfigLoader.Load(settings.ConfigPath); }
        catch (ConfigException ex) { return Refuse(ex.Message); }

        builder.WebHost.UseUrls(settings.Urls);
        ConfigureLogging(builder.Logging, settings.JsonLogs);
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(Caller.LocalOperator);
        builder.Services.AddChangeMgmtCore(config);
        builder.Services.AddLocalBackend(config, settings);

        var app = builder.Build();
        app.UseMiddleware<ProblemMiddleware>();
        app.MapChangeEndpoints();
        app.MapDeliveryEndpoints();
        app.MapOutboxEndpoints();
        app.Logger.LogInformation("ChangeMgmt local mode: config {Config}, data {DataDirectory}, {Customers} customers",
            config.ConfigPath, settings.DataDirectory, config.Config.CustomerMappings.Count);
        return app;
    }

    private static WebApplication? Refuse(string reason)
    {
        Console.Error.WriteLine($"changemgmt: {reason}");
        return null;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool json)
    {
        logging.ClearProviders();
        if (json)
        {
            logging.AddJsonConsole(o => o.IncludeScopes = true);
            return;
        }
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
