using System.Management.Automation;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Creates an announcement as a draft, with its files attached; Submit-Announcement sends it on.</summary>
[Cmdlet(VerbsCommon.New, "Announcement", SupportsShouldProcess = true, DefaultParameterSetName = ContentText)]
[OutputType(typeof(Announcement))]
public sealed class NewAnnouncementCommand : AnnouncementFieldsCmdletBase
{
    protected override void ProcessRecord()
    {
        var files = AttachmentFiles();
        var draft = new Announcement();
        try
        {
            draft = WithFields(draft);
            AnnouncementService.CheckFiles(draft, files.Select(f => (f.Name, f.Length)));
            var target = $"announcement '{draft.Title}' for {string.Join(", ", draft.Customers)}" + (files.Count > 0 ? $" with {files.Count} attachment(s)" : "");
            if (!ShouldProcess(target, "Create draft")) return;
            var created = Await(ct => Core.Announcements.CreateAsync(draft, SessionUser, ct));
            WriteObject(Attach(created, files)?.Announcement ?? created);
        }
        catch (ChangeValidationException ex)
        {
            WriteError(Errors.For(ex, Errors.AnnouncementNoun, Title ?? draft.Title)); // one bad row of Import-Csv | New-Announcement; the rest go on
        }
    }
}
