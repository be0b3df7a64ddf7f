using System.Globalization;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// Which files an announcement may carry. SES v2 refuses a message over 10 MB (40 MB on request) as sent, and
/// attachments travel base64-encoded, about 37% larger with line breaks: 7 MB of files leaves room for the HTML
/// and text parts and the headers. The types are those mail clients open inline or with an office suite and mail
/// filters pass; executables, archives and scripts are what filters quarantine and what a customer must not be
/// asked to open.
/// </summary>
public static class AttachmentRules
{
    public const long MaxTotalBytes = 7L * 1024 * 1024;
    public const int MaxCount = 10;
    public const int MaxNameLength = 200;

    /// <summary>Extension → the content type the email declares.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".ics"] = "text/calendar",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>The content type a file of this name is sent as, or null for a name whose type is not allowed.</summary>
    public static string? ContentTypeOf(string fileName) => ContentTypes.GetValueOrDefault(Path.GetExtension(fileName));

    /// <summary>
    /// The announcement's attachments after adding files: each checked, at most <see cref="MaxCount"/> and
    /// <see cref="MaxTotalBytes"/> together; any problem is a <see cref="ChangeValidationException"/> naming the file.
    /// </summary>
    public static void Require(string announcementId, IReadOnlyList<AnnouncementAttachment> attachments)
    {
        var errors = new List<FieldError>();
        Check(announcementId, attachments, errors);
        if (attachments.Count > MaxCount)
            errors.Add(new("attachments", $"At most {MaxCount} attachments; these are {attachments.Count}. Link the others, or remove one first."));
        if (errors.Count > 0) throw new ChangeValidationException(errors, "announcement");
    }

    public static void Check(string announcementId, IReadOnlyList<AnnouncementAttachment>? attachments, List<FieldError> errors)
    {
        if (attachments is not { Count: > 0 }) return;
        for (var i = 0; i < attachments.Count; i++)
            CheckOne(announcementId, attachments[i], $"attachments[{i}]", errors);
        var total = attachments.Sum(a => Math.Max(a.Size, 0));
        if (total > MaxTotalBytes)
            errors.Add(new("attachments", string.Create(CultureInfo.InvariantCulture,
                $"Attachments take at most {MaxTotalBytes / (1024 * 1024)} MB together (an email is at most 10 MB once encoded); these take {total / (1024.0 * 1024):0.0} MB. Link the larger files instead.")));
    }

    private static void CheckOne(string announcementId, AnnouncementAttachment attachment, string field, List<FieldError> errors)
    {
        if (!IsSafeName(attachment.Name))
            errors.Add(new($"{field}.name", $"A file name of 1 to {MaxNameLength} characters, without path separators or control characters (e.g. report.pdf)."));
        else if (!ContentTypes.TryGetValue(Path.GetExtension(attachment.Name), out var expected))
            errors.Add(new($"{field}.name", $"Attachment '{attachment.Name}': type not allowed; allowed: {string.Join(", ", ContentTypes.Keys)} (or link the file)."));
        else if (attachment.ContentType is { } declared && !string.Equals(declared, expected, StringComparison.OrdinalIgnoreCase))
            errors.Add(new($"{field}.content_type", $"Attachment '{attachment.Name}': '{declared}' does not match the file's extension; a {Path.GetExtension(attachment.Name)} file is {expected}."));
        if (attachment.Size <= 0)
            errors.Add(new($"{field}.size", $"Attachment '{attachment.Name}': the file is empty or its size is unknown; upload it again."));
        if (attachment.Key is { } key && AnnouncementId.IsValid(announcementId) && !key.StartsWith(AnnouncementKeys.AttachmentsOf(announcementId), StringComparison.Ordinal))
            errors.Add(new($"{field}.key", $"An attachment is stored under {AnnouncementKeys.AttachmentsOf(announcementId)}; '{key}' is not."));
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.Trim() == name && name is not ("." or "..")
        && !name.Any(c => c is '/' or '\\' || char.IsControl(c));
}
