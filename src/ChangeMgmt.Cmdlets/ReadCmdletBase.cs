using System.Management.Automation;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Get-ChangeRequest, Get-Announcement: by id (the whole object, or one of its stored versions with -Version), or a
/// search answered from an index, through every page (or the first -First items), written as pages arrive.
/// </summary>
public abstract class ReadCmdletBase : BackendCmdletBase
{
    private protected const string Search = "Search";
    private protected const string ById = "ById";

    /// <summary>An earlier version of the object.</summary>
    [Parameter(ParameterSetName = ById)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    /// <summary>At most this many.</summary>
    [Parameter(ParameterSetName = Search)]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    /// <summary>Writes what one read by id returns; what can fail for that object is its error (<paramref name="noun"/>NotFound…), and the pipeline goes on.</summary>
    private protected void WriteRead<T>(string noun, string id, Func<CancellationToken, Task<T>> read)
    {
        try
        {
            WriteObject(Await(read));
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            WriteError(Errors.For(ex, noun, id));
        }
    }

    /// <summary>Pages through a list until its end or -First items, writing each page as it arrives.</summary>
    private protected void WriteAllPages<T>(Func<string?, CancellationToken, Task<Page<T>>> page) => Run(async (pump, ct) =>
    {
        var remaining = First ?? int.MaxValue;
        string? token = null;
        do
        {
            var next = await page(token, ct);
            var items = next.Items.Take(remaining).ToList();
            remaining -= items.Count;
            pump.Post(() => WriteObject(items, enumerateCollection: true));
            token = next.NextToken;
        } while (token is not null && remaining > 0);
    });
}
