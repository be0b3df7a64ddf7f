using System.Globalization;
using System.Text;

namespace ChangeMgmt.Core.Rendering;

/// <summary>RFC 5545 content-line details: TEXT escaping, parameter quoting, line folding.</summary>
internal static class IcsText
{
    public const string LineBreak = "\r\n";
    private const int MaxLineOctets = 75;

    /// <summary>Content lines as a document: each folded, each ended by CRLF.</summary>
    public static string Document(IEnumerable<string> lines) => string.Concat(lines.Select(line => Fold(line) + LineBreak));

    /// <summary>A DATE-TIME in UTC (<c>20261207T013000Z</c>).</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Escapes a TEXT value (RFC 5545 §3.3.11); control characters other than newlines are dropped.</summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value.ReplaceLineEndings("\n"))
        {
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\n': escaped.Append(@"\n"); break;
                case '\t': escaped.Append(c); break;
                case var control when char.IsControl(control): break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>A quoted parameter value (e.g. CN); DQUOTE and control characters cannot appear in one.</summary>
    public static string QuotedParameter(string value) =>
        "\"" + string.Concat(value.Where(c => c != '"' && !char.IsControl(c))) + "\"";

    /// <summary>
    /// Folds a content line so no physical line exceeds 75 octets of UTF-8, breaking only between
    /// characters; each continuation starts with a space, which counts toward its 75.
    /// </summary>
    public static string Fold(string line)
    {
        var folded = new StringBuilder(line.Length + 16);
        var octets = 0;
        var index = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                folded.Append(LineBreak).Append(' ');
                octets = 1;
            }
            folded.Append(line, index, rune.Utf16SequenceLength);
            index += rune.Utf16SequenceLength;
            octets += size;
        }
        return folded.ToString();
    }
}
