using System.Buffers.Text;
using System.Text;

namespace ChangeMgmt.Local;

/// <summary>Opaque NextToken values: the sort key of the last item returned, Base64url-encoded.</summary>
internal static class PageToken
{
    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));

    /// <summary>The key to continue after; "" for the first page.</summary>
    public static string Decode(string? token, string customerCode)
    {
        if (string.IsNullOrEmpty(token))
            return "";
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw SesErrors.BadRequest(customerCode, "Invalid NextToken.");
        }
    }
}
