using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// Generated metadata for what alternate contacts keep: the drift reports, check requests, holds and progress in the
/// bucket (<see cref="AlternateContactReports"/>' options) and the backup files (<see cref="AlternateContactBackup"/>'s).
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ContactReport))]
[JsonSerializable(typeof(ContactCheckRequest))]
[JsonSerializable(typeof(ContactCheckClaim))]
[JsonSerializable(typeof(ContactCheckProgress))]
[JsonSerializable(typeof(AlternateContactBackup))]
internal sealed partial class AlternateContactJsonContext : JsonSerializerContext;
