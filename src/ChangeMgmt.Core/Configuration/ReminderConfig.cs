using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>reminders</c> (all customers) and <c>customer_mappings.{code}.reminders</c> (one customer; a field
/// set there wins): which timed notices an approved change sends — the day before, the hour before, when its window
/// starts, and when it ended without being marked complete — and to which topic. Every field is optional.
/// </summary>
public sealed record ReminderConfig
{
    public const double DefaultGraceMinutes = 60;

    [JsonPropertyName("day_before")] public bool? DayBefore { get; init; }
    [JsonPropertyName("hour_before")] public bool? HourBefore { get; init; }
    [JsonPropertyName("started")] public bool? Started { get; init; }
    [JsonPropertyName("window_ended")] public bool? WindowEnded { get; init; }
    /// <summary>How long after the window's end a change not marked complete gets its "window ended" notice (global only).</summary>
    [JsonPropertyName("grace_minutes")] public double? GraceMinutes { get; init; }
    /// <summary>The SES topic the notices go to (SESConfig.json's full name); default the announce topic.</summary>
    [JsonPropertyName("topic")] public string? Topic { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>The customer's settings over the global ones.</summary>
    public static ReminderConfig For(ChangeMgmtConfig config, CustomerConfig customer)
    {
        var global = config.Reminders ?? new();
        var own = customer.Reminders ?? new();
        return new()
        {
            DayBefore = own.DayBefore ?? global.DayBefore,
            HourBefore = own.HourBefore ?? global.HourBefore,
            Started = own.Started ?? global.Started,
            WindowEnded = own.WindowEnded ?? global.WindowEnded,
            GraceMinutes = global.GraceMinutes,
            Topic = own.Topic ?? global.Topic,
        };
    }

    public static TimeSpan Grace(ChangeMgmtConfig config) =>
        TimeSpan.FromMinutes(config.Reminders?.GraceMinutes ?? DefaultGraceMinutes);

    public static void Validate(ReminderConfig? reminders, string at, bool global, Action<string, string, string> add)
    {
        if (reminders is null) return;
        if (reminders.Topic is { } topic && string.IsNullOrWhiteSpace(topic))
            add($"{at}.topic", "The topic is empty.", "Name an SESConfig.json topic, e.g. aws-announce, or remove the setting for the announce topic.");
        if (reminders.GraceMinutes is not { } grace) return;
        if (!global)
            add($"{at}.grace_minutes", "The grace period is set for all customers only.", "Move grace_minutes to the top-level reminders section.");
        else if (grace is < 0 or > 10080)
            add($"{at}.grace_minutes", $"{grace} is not a number of minutes from 0 to 10080.", $"Give how long after a window's end to wait for it to be marked complete, e.g. {DefaultGraceMinutes}.");
    }
}
