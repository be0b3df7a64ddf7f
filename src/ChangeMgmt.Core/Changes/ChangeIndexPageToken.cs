using System.Buffers.Text;
using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>Where a page ends under one sort: the last change's sort key and id (base64url JSON).</summary>
internal sealed record ChangeIndexPageToken(string Sort, string? Key, string ChangeId)
{
    /// <summary>The token of a page ending with <paramref name="last"/>.</summary>
    public static ChangeIndexPageToken After(ChangeSummary last, ChangeSort sort) => new(sort.ToString(), sort.KeyOf(last), last.ChangeId);

    /// <summary>True when <paramref name="summary"/> comes after this position in the order (and so on a later page).</summary>
    public bool Precedes(ChangeSummary summary, ChangeSort sort) => sort.Compare(sort.KeyOf(summary), summary.ChangeId, Key, ChangeId) > 0;

    public string Format() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ChangeJson.Options.TypeInfo<ChangeIndexPageToken>()));

    public static ChangeIndexPageToken? Parse(string? text, ChangeSort sort)
    {
        if (text is null) return null;
        ChangeIndexPageToken? token;
        try { token = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), ChangeJson.Options.TypeInfo<ChangeIndexPageToken>()); }
        catch (Exception ex) when (ex is FormatException or JsonException) { token = null; }
        if (token?.ChangeId is null)
            throw new ChangeValidationException([new("pageToken", "Not a page token of this list; start again without it.")]);
        return token.Sort == sort.ToString() ? token
            : throw new ChangeValidationException([new("pageToken", $"The token continues a list sorted by {token.Sort}, not {sort}; start again without it.")]);
    }
}
