using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace ChangeMgmt.Aws.Caller;

/// <summary>Credentials as a caller names them: an object (duck typed, any AWSSDK.Core copy), keys, or a profile.</summary>
public static class CallerCredentials
{
    /// <summary>
    /// AWSCredentials of this module's SDK as they are; another copy's AWSCredentials through reflection;
    /// AWS.Tools' AWSPSCredentials ($StoredAWSCredentials) by its credentials property; <see cref="AwsKeys"/>.
    /// </summary>
    [RequiresUnreferencedCode(ForeignAwsCredentials.ForeignCredentials)]
    public static AWSCredentials FromObject(object value) => value switch
    {
        AWSCredentials own => own,
        AwsKeys { SessionToken: { Length: > 0 } token } keys => new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, token),
        AwsKeys keys => new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey),
        _ when ForeignAwsCredentials.IsCredentials(value.GetType()) => new ForeignAwsCredentials(value),
        _ when Wrapped(value) is { } inner => FromObject(inner),
        _ => throw new ArgumentException(
            $"A {value.GetType().FullName} is not AWS credentials. Give what AWS.Tools' Get-AWSCredential returns, " +
            "or a PSCredential with the access key id as user name and the secret access key as password (Get-Credential)."),
    };

    /// <summary>The named profile's credentials (shared credentials and config files, SSO and role profiles included).</summary>
    public static (AWSCredentials Credentials, string? Region) FromProfile(string profileName)
    {
        // The file named now: the SDK keeps the credentials file location it found first for the life of the process,
        // and a PowerShell session may set AWS_SHARED_CREDENTIALS_FILE after an earlier command.
        var chain = new CredentialProfileStoreChain(Environment.GetEnvironmentVariable(SharedCredentialsFile.SharedCredentialsFileEnvVar) is { Length: > 0 } file ? file : null);
        if (!chain.TryGetProfile(profileName, out var profile) || !chain.TryGetAWSCredentials(profileName, out var credentials))
            throw new ArgumentException(
                $"No AWS profile '{profileName}' with credentials in {SharedFiles()}. " +
                $"Create it (aws configure --profile {profileName}), or name another with -ProfileName.");
        return (credentials, profile.Region?.SystemName);
    }

    private static string SharedFiles() =>
        string.Join(" or ", new[] { "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE" }
            .Select(v => Environment.GetEnvironmentVariable(v) is { Length: > 0 } path ? path : null)
            .OfType<string>()
            .DefaultIfEmpty("~/.aws/credentials or ~/.aws/config"));

    /// <summary>AWS.Tools' AWSPSCredentials keeps its AWSCredentials in a non-public property.</summary>
    [RequiresUnreferencedCode(ForeignAwsCredentials.ForeignCredentials)]
    private static object? Wrapped(object value) =>
        value.GetType().GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .FirstOrDefault(p => ForeignAwsCredentials.IsCredentials(p.PropertyType) || p.PropertyType == typeof(AWSCredentials))
            ?.GetValue(value);
}
