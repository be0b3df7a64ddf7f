using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Announcements;

/// <summary>The announcement types a deployment offers: config.json <c>announcement_types</c>, else <see cref="Defaults"/>.</summary>
public static class AnnouncementTypes
{
    /// <summary>
    /// The original's types. Topics are those of examples/SESConfig.json; CIC (the cloud centre of excellence's
    /// notices) goes to the announce topic changes use. General needs no approval: publishing sends it at once.
    /// </summary>
    public static readonly IReadOnlyList<AnnouncementTypeConfig> Defaults =
    [
        new() { Name = "general", DisplayName = "General", Topic = "general-updates", ApprovalRequired = false },
        new() { Name = "cic", DisplayName = "CIC", Topic = "aws-announce", ApprovalRequired = true },
        new() { Name = "finops", DisplayName = "FinOps", Topic = "finops-announce", ApprovalRequired = true },
        new() { Name = "innersource", DisplayName = "InnerSource", Topic = "general-updates", ApprovalRequired = true },
    ];

    public static IReadOnlyList<AnnouncementTypeConfig> Of(ChangeMgmtConfig config) =>
        config.AnnouncementTypes is { Count: > 0 } configured ? configured : Defaults;

    /// <summary>The type named <paramref name="name"/>, without regard to case (the original wrote "FinOps", "CIC").</summary>
    public static AnnouncementTypeConfig? Find(ChangeMgmtConfig config, string name) =>
        Of(config).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
