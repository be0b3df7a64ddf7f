using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>Backup files: camelCase, indented, statuses and reasons as SES spells them (OPT_IN, BOUNCE).</summary>
internal static class BackupJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new JsonStringEnumConverter<SubscriptionStatus>(JsonNamingPolicy.SnakeCaseUpper),
            new JsonStringEnumConverter<SuppressionReason>(JsonNamingPolicy.SnakeCaseUpper),
        },
        TypeInfoResolver = BackupJsonContext.Default,
    };
}

/// <summary>Generated metadata for the backup files (<see cref="BackupJson.Options"/>).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ContactListBackup))]
[JsonSerializable(typeof(CustomerSuppression))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
