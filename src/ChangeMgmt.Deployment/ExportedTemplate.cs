namespace ChangeMgmt.Deployment;

/// <summary>A template written to disk: where, for which customers, and whether CloudFormation needs it through S3.</summary>
public sealed record ExportedTemplate(string Path, IReadOnlyList<string> Customers, int ResourceCount, int Bytes)
{
    /// <summary>Over 51,200 bytes, <c>aws cloudformation deploy</c> needs <c>--s3-bucket</c>.</summary>
    public bool NeedsS3Upload => Bytes > GeneratedTemplate.MaxInlineBytes;
}
