using System.Reflection;
using Amazon.Runtime;

namespace ChangeMgmt.Aws.Caller;

/// <summary>
/// An AWSCredentials object from another copy of AWSSDK.Core (AWS.Tools loads its own): asked for its
/// keys on every use through reflection, so refreshing credentials (SSO, assumed roles) stay fresh.
/// </summary>
internal sealed class ForeignAwsCredentials(object source) : AWSCredentials
{
    public const string TypeName = "Amazon.Runtime.AWSCredentials";

    public override string ToString() => source.GetType().FullName ?? "credentials";

    public override ImmutableCredentials GetCredentials() =>
        Keys(source.GetType().GetMethod("GetCredentials", Type.EmptyTypes)?.Invoke(source, null));

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        if (source.GetType().GetMethod("GetCredentialsAsync", Type.EmptyTypes)?.Invoke(source, null) is not Task task)
            return GetCredentials();
        await task.ConfigureAwait(false);
        return Keys(task.GetType().GetProperty("Result")?.GetValue(task));
    }

    /// <summary>True for any type deriving from a class named Amazon.Runtime.AWSCredentials, whichever assembly holds it.</summary>
    public static bool IsCredentials(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.FullName == TypeName) return true;
        return false;
    }

    private static ImmutableCredentials Keys(object? immutable)
    {
        string? Read(string name) => immutable?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(immutable) as string;
        var accessKey = Read("AccessKey");
        var secretKey = Read("SecretKey");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            throw new InvalidOperationException("The credentials object gave no access key and secret key.");
        return new ImmutableCredentials(accessKey, secretKey, Read("Token"));
    }
}
