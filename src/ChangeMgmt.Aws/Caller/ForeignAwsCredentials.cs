using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Amazon.Runtime;

namespace ChangeMgmt.Aws.Caller;

/// <summary>
/// An AWSCredentials object from another copy of AWSSDK.Core (AWS.Tools loads its own): asked for its
/// keys on every use through reflection, so refreshing credentials (SSO, assumed roles) stay fresh.
/// </summary>
[RequiresUnreferencedCode(ForeignCredentials)]
internal sealed class ForeignAwsCredentials(object source) : AWSCredentials
{
    public const string TypeName = "Amazon.Runtime.AWSCredentials";

    /// <summary>Why the caller's credentials object is read by reflection: its type is only known at run time (the module, never the server).</summary>
    public const string ForeignCredentials =
        "Reads a credentials object of another AWSSDK.Core copy (AWS.Tools) by reflection over its run-time type; the PowerShell module only, not trimmed.";

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
