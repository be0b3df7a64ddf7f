namespace ChangeMgmt.Core.Dns;

/// <summary>The DMARC policy record (RFC 7489) at <c>_dmarc.{domain}</c>.</summary>
public static class DmarcRecord
{
    public static bool IsDmarc(string text) => text.TrimStart().StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase);

    /// <summary>"v=DMARC1; p={policy}; rua=mailto:{address}"; a report mailbox without '@' is in <paramref name="domain"/>.</summary>
    public static string Text(string domain, string policy, string? reportEmail) =>
        string.IsNullOrWhiteSpace(reportEmail) ? $"v=DMARC1; p={policy}" : $"v=DMARC1; p={policy}; rua=mailto:{ReportAddress(domain, reportEmail)}";

    public static string ReportAddress(string domain, string reportEmail) =>
        reportEmail.Contains('@') ? reportEmail.Trim() : $"{reportEmail.Trim()}@{domain}";

    /// <summary>The p= tag of a DMARC text, or null.</summary>
    public static string? Policy(string text) => text.Split(';', StringSplitOptions.TrimEntries)
        .Select(tag => tag.Split('=', 2, StringSplitOptions.TrimEntries))
        .FirstOrDefault(kv => kv.Length == 2 && kv[0].Equals("p", StringComparison.OrdinalIgnoreCase))?[1];
}
