using System.Xml.Linq;
using Amazon.Runtime;

namespace ChangeMgmt.Aws.Tests.Deployment;

/// <summary>The few CloudFormation calls the deployment tests need (AWSSDK.CloudFormation is not served here).</summary>
internal sealed class CloudFormationClient(AWSCredentials credentials, string region, Uri endpoint) : IDisposable
{
    private static readonly XNamespace Ns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private readonly AwsQueryClient query = new(credentials, region, endpoint, "cloudformation", "2010-05-15");

    public void Dispose() => query.Dispose();

    /// <summary>Creates the stack; with parameters, also acknowledges named IAM resources (CAPABILITY_NAMED_IAM).</summary>
    public async Task CreateStackAsync(string stackName, string templateBody, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var given = (parameters ?? new Dictionary<string, string>()).SelectMany((p, i) => new[]
        {
            ($"Parameters.member.{i + 1}.ParameterKey", p.Key), ($"Parameters.member.{i + 1}.ParameterValue", p.Value),
        });
        var capabilities = parameters is null ? [] : new[] { ("Capabilities.member.1", "CAPABILITY_NAMED_IAM") };
        await query.CallAsync("CreateStack", [("StackName", stackName), ("TemplateBody", templateBody), .. given, .. capabilities]);
    }

    public async Task<string> StackStatusAsync(string stackName)
    {
        var answer = await query.CallAsync("DescribeStacks", ("StackName", stackName));
        return answer.Descendants(Ns + "StackStatus").Single().Value;
    }

    /// <summary>The stack's outputs, key → value (an output whose condition is false is not there).</summary>
    public async Task<IReadOnlyDictionary<string, string>> OutputsAsync(string stackName)
    {
        var answer = await query.CallAsync("DescribeStacks", ("StackName", stackName));
        return answer.Descendants(Ns + "Outputs").Elements(Ns + "member").ToDictionary(
            m => m.Element(Ns + "OutputKey")!.Value, m => m.Element(Ns + "OutputValue")!.Value);
    }

    /// <summary>
    /// Logical id → (type, physical id) of every resource in the stack (moto lists the types it does
    /// not implement, e.g. queue policies and alarms, with no logical id: those are left out).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Type, string PhysicalId)>> ResourcesAsync(string stackName)
    {
        var answer = await query.CallAsync("ListStackResources", ("StackName", stackName));
        return answer.Descendants(Ns + "member").Where(m => m.Element(Ns + "LogicalResourceId")?.Value is { Length: > 0 }).ToDictionary(
            m => m.Element(Ns + "LogicalResourceId")!.Value,
            m => (m.Element(Ns + "ResourceType")!.Value, m.Element(Ns + "PhysicalResourceId")?.Value ?? ""));
    }
}
