using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Lambda.Hosting;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// The audit lines and the answers' extra fields, written without reflection, are byte for byte what the reflection
/// serializer wrote: the same field order, nulls, arrays and escaping (HTML-sensitive and non-ASCII characters).
/// </summary>
public sealed class ServerJsonLinesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("jane+cab@acme.example", "CHG-0042", 200)]
    [InlineData(null, null, 401)]
    [InlineData("<b>\"Zoë\" & co</b>", "CHG-\u00e9\u2028", 500)]
    public void An_audit_line_is_written_as_the_dictionary_was(string? user, string? changeId, int status)
    {
        string[] roles = user is null ? [] : ["admin", "approver"];
        string[] customers = changeId is null ? [] : ["acme", "glo<bex>"];
        var entry = new AuditMiddleware.AuditEntry(user, roles, "approve", changeId, customers, "ok", status);

        var before = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["audit"] = true, ["user"] = user, ["roles"] = roles, ["action"] = "approve", ["changeId"] = changeId,
            ["customers"] = customers, ["outcome"] = "ok", ["status"] = status,
        });

        Assert.Equal(before, entry.ToJson());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_job_audit_line_is_written_as_the_dictionary_was(bool withPreferences)
    {
        IReadOnlyList<string>? before = withPreferences ? ["aws-announce", "<approvals>"] : null;
        IReadOnlyList<string>? after = withPreferences ? [] : null;
        var write = new JobWrite("job-1", "acme", "jane+ops@msp.example", "Zoë <zoe@acme.example>", "update", before, after);

        var expected = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["audit"] = true, ["user"] = write.User, ["action"] = "subscription-job", ["jobId"] = write.JobId, ["customers"] = new[] { write.Customer },
            ["email"] = write.Email, ["change"] = write.Action, ["before"] = write.Before, ["after"] = write.After, ["outcome"] = "ok",
        });

        Assert.Equal(expected, JobAudit.Line(write));
    }

    [Fact]
    public void A_created_changes_warnings_keep_their_null_members()
    {
        IReadOnlyList<ChangeWarning> warnings = [new("overlap", "implementationStart", "Overlaps CHG-1", "CHG-1", "acme"), new("long-window", "implementationEnd", "Longer than 72 h")];

        Assert.Equal(JsonSerializer.SerializeToElement(warnings, Web).GetRawText(), ExtraFieldJson.Element(warnings).GetRawText());
        Assert.Contains("\"changeId\":null", ExtraFieldJson.Element(warnings).GetRawText());
    }

    [Fact]
    public void A_freezes_next_occurrence_is_written_as_before()
    {
        var next = new FreezeOccurrence(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(JsonSerializer.SerializeToElement(next, Web).GetRawText(), ExtraFieldJson.Element(next).GetRawText());
    }
}
