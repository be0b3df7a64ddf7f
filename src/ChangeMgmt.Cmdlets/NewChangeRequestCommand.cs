using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Creates a change request as a draft, from parameters or from a change JSON file (the portal's shape).</summary>
[Cmdlet(VerbsCommon.New, "ChangeRequest", SupportsShouldProcess = true, DefaultParameterSetName = FromFields)]
[OutputType(typeof(Change))]
public sealed class NewChangeRequestCommand : ChangeFieldsCmdletBase
{
    private const string FromFields = "FromFields";
    private const string FromFile = "FromFile";

    /// <summary>
    /// A change JSON file; its id, status, version and history are ignored (a new draft is created). Other parameters
    /// override its fields; its times without an offset are read in -TimeZone when given, else in its timezone.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = FromFile)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        var draft = Path is null ? new Change() : ReadFile(Path);
        try
        {
            draft = WithFields(draft);
            var target = $"change '{draft.ChangeTitle}' for {string.Join(", ", draft.Customers)}";
            if (!ShouldProcess(target, "Create draft")) return;
            var created = Await(ct => Core.Changes.CreateAsync(draft, SessionUser, ct));
            foreach (var warning in Await(ct => Core.Changes.WarningsAsync(created, ct))) WriteWarning($"{created.ChangeId}: {warning.Message}");
            WriteObject(created);
        }
        catch (ChangeValidationException ex)
        {
            WriteError(Errors.For(ex, "Change", Title ?? draft.ChangeTitle)); // one bad row of Import-Csv | New-ChangeRequest; the rest go on
        }
    }

    private Change ReadFile(string path)
    {
        var full = System.IO.Path.GetFullPath(path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        try
        {
            return ChangeInput.Read(File.ReadAllBytes(full), full, TimeZone);
        }
        catch (ChangeValidationException ex)
        {
            ThrowTerminatingError(Errors.For(ex, "Change", full));
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ChangeFileInvalid", ErrorCategory.InvalidData, full));
            throw;
        }
    }
}
