using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ChangeMgmt.Aws.Tests.Deployment;

/// <summary>
/// The few CloudFormation calls the deployment test needs, in the service's Query protocol (form
/// POST, XML answer), signed with AWSSDK.Core's SigV4 handler: AWSSDK.CloudFormation is not served
/// here. Errors carry CloudFormation's message.
/// </summary>
internal sealed class CloudFormationClient(AWSCredentials credentials, string region, Uri endpoint) : IDisposable
{
    private readonly HttpClient http = new(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), "cloudformation", new SocketsHttpHandler()))
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public void Dispose() => http.Dispose();

    private static readonly XNamespace Ns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    public async Task CreateStackAsync(string stackName, string templateBody)
    {
        await CallAsync("CreateStack", ("StackName", stackName), ("TemplateBody", templateBody));
    }

    public async Task<string> StackStatusAsync(string stackName)
    {
        var answer = await CallAsync("DescribeStacks", ("StackName", stackName));
        return answer.Descendants(Ns + "StackStatus").Single().Value;
    }

    /// <summary>
    /// Logical id → (type, physical id) of every resource in the stack (moto lists the types it does
    /// not implement, e.g. queue policies and alarms, with no logical id: those are left out).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Type, string PhysicalId)>> ResourcesAsync(string stackName)
    {
        var answer = await CallAsync("ListStackResources", ("StackName", stackName));
        return answer.Descendants(Ns + "member").Where(m => m.Element(Ns + "LogicalResourceId")?.Value is { Length: > 0 }).ToDictionary(
            m => m.Element(Ns + "LogicalResourceId")!.Value,
            m => (m.Element(Ns + "ResourceType")!.Value, m.Element(Ns + "PhysicalResourceId")?.Value ?? ""));
    }

    private async Task<XDocument> CallAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new FormUrlEncodedContent([new("Action", action), new("Version", "2010-05-15"), .. parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))]);
        using var response = await http.PostAsync(endpoint, form);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"CloudFormation {action} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text);
    }
}
