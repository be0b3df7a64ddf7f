using System.Collections.Concurrent;
using Amazon.Runtime;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Configuration;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>Fixed credentials per customer, recording which customer and role each was asked for.</summary>
internal sealed class FixedCustomerRoles(Func<CustomerConfig, AWSCredentials> credentials) : ICustomerRoles
{
    public ConcurrentQueue<(string Customer, CustomerRole Role)> Requests { get; } = new();

    public static FixedCustomerRoles Test() => new(_ => new BasicAWSCredentials("test", "test"));

    public AWSCredentials For(CustomerConfig customer, CustomerRole role)
    {
        Requests.Enqueue((customer.CustomerCode, role));
        return credentials(customer);
    }
}

/// <summary>Customers, settings and accounts for the SES adapter tests.</summary>
internal static class SesTestCustomers
{
    /// <summary>Quick retries, so that a throttled answer followed by success finishes at once.</summary>
    public static readonly RetryPolicy QuickRetry = new(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    /// <summary>Fast enough that the 1-a-second management rate does not slow tests that are not about it.</summary>
    public const double Unpaced = 100_000;

    public static CustomerConfig Customer(string code, string? region = "us-east-1") => new()
    {
        CustomerCode = code,
        CustomerName = code.ToUpperInvariant(),
        Region = region,
        SesRoleArn = $"arn:aws:iam::123456789012:role/{code}-ses",
    };

    public static ChangeMgmtConfig Config(params CustomerConfig[] customers) => new()
    {
        AwsRegion = "us-east-1",
        CustomerMappings = customers.ToDictionary(c => c.CustomerCode, StringComparer.Ordinal),
    };

    /// <summary>Points SES v2 (only) at a stub, as AWS_ENDPOINT_URL_SESV2 would.</summary>
    public static AwsEndpoints SesAt(string url) => new(name => name == "AWS_ENDPOINT_URL_SESV2" ? url.TrimEnd('/') : null);

    public static AwsSettings Settings(AwsEndpoints endpoints, TimeProvider? time = null, RetryPolicy? retry = null) => new(
        "us-east-1",
        new BasicAWSCredentials("caller", "caller"),
        endpoints,
        time ?? TimeProvider.System,
        retry ?? QuickRetry);

    public static AwsSesAccount Account(AwsEndpoints endpoints, string code = "acme", TimeProvider? time = null, double rate = Unpaced,
        RetryPolicy? retry = null, HttpMessageHandler? transport = null) =>
        AwsSesAccount.Create(Customer(code), FixedCustomerRoles.Test(), Settings(endpoints, time, retry), rate, transport);
}
