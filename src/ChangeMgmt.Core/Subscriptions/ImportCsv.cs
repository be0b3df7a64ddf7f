using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Core.Subscriptions;

public enum ImportAction { Add, Remove, Set }

/// <summary>One CSV line: <c>add</c> opts the contact in to the topics (adding it if missing), <c>remove</c> removes it, <c>set</c> makes the topics exactly its opted-in ones.</summary>
public sealed record ImportRow(int Line, string Email, IReadOnlyList<string> Topics, ImportAction Action);

public sealed record ImportError(int Line, string Field, string Message);

public sealed record ImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>
/// The bulk change file: a header <c>email,topics,action</c> (any order; action optional, default set), topics separated
/// by <c>;</c>. Every bad line is reported, with its line number (the header is line 1), before anything is written.
/// </summary>
public static class ImportCsv
{
    public const int MaxRows = 50_000;

    public static ImportFile Parse(string text, IReadOnlyCollection<string> knownTopics)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var header = Fields(lines[0]).Select(f => f.ToLowerInvariant()).ToList();
        if (!header.Contains("email") || !header.Contains("topics"))
            return new([], [new(1, "header", "The first line must be the header email,topics,action (action optional).")]);
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = Fields(lines[i]);
            string Field(string name) => header.IndexOf(name) is var at and >= 0 && at < fields.Count ? fields[at] : "";
            var before = errors.Count;
            var row = Row(i + 1, Field("email"), Field("topics"), Field("action"), knownTopics, errors);
            if (errors.Count == before && !seen.Add(row.Email)) errors.Add(new(i + 1, "email", $"{row.Email} is on an earlier line too; give each contact one line."));
            if (errors.Count == before) rows.Add(row);
        }
        if (rows.Count + errors.Count > MaxRows) errors.Add(new(lines.Length, "file", $"At most {MaxRows:N0} lines per file; split it."));
        return new(rows, errors);
    }

    private static ImportRow Row(int line, string email, string topicsField, string actionField, IReadOnlyCollection<string> known, List<ImportError> errors)
    {
        if (EmailAddresses.Problem(email) is { } problem) errors.Add(new(line, "email", problem));
        var topics = topicsField.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = topics.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0) errors.Add(new(line, "topics", $"No topic {string.Join(", ", unknown)}. Topics: {string.Join(", ", known)}."));
        ImportAction? action = actionField.ToLowerInvariant() switch { "" or "set" => ImportAction.Set, "add" => ImportAction.Add, "remove" => ImportAction.Remove, _ => null };
        if (action is null) errors.Add(new(line, "action", $"'{actionField}' is not an action: add, remove or set (the default)."));
        return new(line, email, topics, action ?? ImportAction.Set);
    }

    /// <summary>A line's comma-separated fields, a field in double quotes taken as it is (commas included).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString().Trim()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
