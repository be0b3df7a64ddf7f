namespace ChangeMgmt.Deployment;

/// <summary>A generated CloudFormation template, the customers it covers, and what the caller should know.</summary>
public sealed record GeneratedTemplate(string Yaml, IReadOnlyList<string> Customers, int ResourceCount, IReadOnlyList<string> Warnings)
{
    /// <summary>CloudFormation's limit on resources per template.</summary>
    public const int MaxResources = 500;

    /// <summary>Templates larger than this must be given to CloudFormation through S3 (deploy --s3-bucket).</summary>
    public const int MaxInlineBytes = 51_200;

    public int Bytes => System.Text.Encoding.UTF8.GetByteCount(Yaml);
}
