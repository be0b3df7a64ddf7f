using System.Globalization;
using System.Text;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// A list as CSV (RFC 4180): every field quoted when it holds a comma, quote or line break; a value
/// a spreadsheet would run as a formula (starting with = + - @) gets a leading apostrophe.
/// </summary>
public static class ChangeCsv
{
    public const string Header = "changeId,changeTitle,status,version,customers,implementationStart,implementationEnd,createdBy,createdAt,modifiedAt,snowTicket,jiraTicket";

    public static string Row(ChangeSummary s) => string.Join(',', new[]
    {
        s.ChangeId, s.ChangeTitle, s.Status.ToString().ToLowerInvariant(), s.Version.ToString(CultureInfo.InvariantCulture),
        string.Join(';', s.Customers), Time(s.ImplementationStart), Time(s.ImplementationEnd), s.CreatedBy,
        Time(s.CreatedAt), Time(s.ModifiedAt), s.SnowTicket, s.JiraTicket,
    }.Select(Field));

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static async Task WriteAsync(HttpResponse response, IAsyncEnumerable<ChangeSummary> rows, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"changes.csv\"";
        var text = new StringBuilder(Header).Append("\r\n");
        await foreach (var row in rows.WithCancellation(ct))
            text.Append(Row(row)).Append("\r\n");
        await response.WriteAsync(text.ToString(), Encoding.UTF8, ct);
    }

    private static string? Time(DateTimeOffset? value) => value?.ToString("o", CultureInfo.InvariantCulture);
}
