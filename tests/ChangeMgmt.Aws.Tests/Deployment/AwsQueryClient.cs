using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ChangeMgmt.Aws.Tests.Deployment;

/// <summary>
/// One AWS service's Query protocol (form POST with Action and Version, XML answer), signed with
/// AWSSDK.Core's SigV4 handler for the deployment tests' few CloudFormation and IAM calls (neither
/// SDK package is served here). Errors carry the service's message.
/// </summary>
internal sealed class AwsQueryClient(AWSCredentials credentials, string region, Uri endpoint, string service, string version) : IDisposable
{
    private readonly HttpClient http = new(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), service, new SocketsHttpHandler()))
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public void Dispose() => http.Dispose();

    public async Task<XDocument> CallAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new FormUrlEncodedContent([new("Action", action), new("Version", version), .. parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))]);
        using var response = await http.PostAsync(endpoint, form);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{service} {action} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text);
    }
}
