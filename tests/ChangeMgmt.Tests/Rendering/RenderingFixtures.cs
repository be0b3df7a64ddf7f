using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Rendering;

/// <summary>The values of shared/fixtures/change-submitted.json and config.json, built in code.</summary>
internal static class RenderingFixtures
{
    public const string ChangeId = "CHG-20261130-7Q2K9D";
    public const string Title = "Rotate TLS certificates on shared ingress";

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 20, 45, TimeSpan.Zero);

    public static Change SubmittedChange() => new()
    {
        ChangeId = ChangeId,
        ChangeTitle = Title,
        Customers = ["acme", "globex"],
        SnowTicket = "CHG0031337",
        JiraTicket = "OPS-4411",
        ChangeReason = "Certificates expire on 2026-12-15.",
        ImplementationPlan = "1. Import new certificates.\n2. Switch listeners.\n3. Verify handshakes.",
        TestPlan = "Synthetic checks against every listener.",
        CustomerImpact = "None expected; a few seconds of reconnects possible.",
        RollbackPlan = "Switch listeners back to the previous certificates.",
        ImplementationStart = DateTimeOffset.Parse("2026-12-03T22:00:00-05:00"),
        ImplementationEnd = DateTimeOffset.Parse("2026-12-03T23:30:00-05:00"),
        Timezone = "America/New_York",
        Status = ChangeStatus.Submitted,
        Version = 2,
        CreatedAt = DateTimeOffset.Parse("2026-11-30T14:02:11Z"),
        CreatedBy = "jane.doe@msp.example",
        SubmittedAt = DateTimeOffset.Parse("2026-11-30T14:20:45Z"),
        SubmittedBy = "jane.doe@msp.example",
    };

    public static CustomerConfig Acme() => new()
    {
        CustomerCode = "acme",
        CustomerName = "Acme Corp",
        Environment = "prod",
        Region = "us-east-1",
    };

    public static EmailConfig Email() => new()
    {
        SenderAddress = "changes@msp.example",
        MeetingOrganizer = "change-board@msp.example",
        PortalBaseUrl = "https://changes.msp.example",
        Domain = "msp.example",
    };
}

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A scratch override directory, deleted after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("changemgmt-templates-").FullName;

    public void Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
