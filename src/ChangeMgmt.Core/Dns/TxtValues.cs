using System.Text;

namespace ChangeMgmt.Core.Dns;

/// <summary>TXT record text as DNS zones write it: one or more quoted strings of at most 255 characters each.</summary>
public static class TxtValues
{
    public const int MaxStringLength = 255;

    public static string Quote(string text)
    {
        var escaped = Enumerable.Range(0, (text.Length + MaxStringLength - 1) / MaxStringLength)
            .Select(i => text.Substring(i * MaxStringLength, Math.Min(MaxStringLength, text.Length - i * MaxStringLength)))
            .Select(part => "\"" + part.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
        return text.Length == 0 ? "\"\"" : string.Join(' ', escaped);
    }

    /// <summary>The text of a quoted value (its strings joined); a value without quotes is returned as it is.</summary>
    public static string Unquote(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith('"')) return trimmed;
        var text = new StringBuilder();
        var inString = false;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c == '"') inString = !inString;
            else if (inString && c == '\\' && i + 1 < trimmed.Length) text.Append(trimmed[++i]);
            else if (inString) text.Append(c);
        }
        return text.ToString();
    }
}
