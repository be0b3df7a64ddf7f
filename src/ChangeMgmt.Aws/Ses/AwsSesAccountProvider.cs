using System.Collections.Concurrent;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ses;

/// <summary>
/// The SES account of each configured customer, created on first use and kept, so that the
/// customer's management-rate pacer is shared by every caller. An account only ever acts with
/// its own customer's SES role and in that customer's region.
/// </summary>
public sealed class AwsSesAccountProvider : ISesAccountProvider, IDisposable
{
    private readonly ChangeMgmtConfig config;
    private readonly ICustomerRoles roles;
    private readonly AwsSettings settings;
    private readonly double managementRequestsPerSecond;
    private readonly Func<CustomerConfig, HttpMessageHandler?>? handlers;
    private readonly ConcurrentDictionary<string, Lazy<AwsSesAccount>> accounts = new(StringComparer.Ordinal);

    /// <param name="handlers">The innermost HTTP handler per customer (a proxy, a test peer); null: direct.</param>
    public AwsSesAccountProvider(ChangeMgmtConfig config, ICustomerRoles roles, AwsSettings settings,
        double managementRequestsPerSecond = AwsSesAccount.ManagementRequestsPerSecond, Func<CustomerConfig, HttpMessageHandler?>? handlers = null)
    {
        this.handlers = handlers;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(managementRequestsPerSecond);
        this.config = config;
        this.roles = roles;
        this.settings = settings;
        this.managementRequestsPerSecond = managementRequestsPerSecond;
    }

    public AwsSesAccountProvider(LoadedConfig config, ICustomerRoles roles, AwsSettings settings,
        double managementRequestsPerSecond = AwsSesAccount.ManagementRequestsPerSecond, Func<CustomerConfig, HttpMessageHandler?>? handlers = null)
        : this(config.Config, roles, settings, managementRequestsPerSecond, handlers)
    {
    }

    /// <exception cref="UnknownCustomerException">The code is not in customer_mappings.</exception>
    public AwsSesAccount ForCustomer(string customerCode)
    {
        var customer = config.FindCustomer(customerCode) ?? throw new UnknownCustomerException(customerCode, config.CustomerMappings.Keys);
        if (string.IsNullOrWhiteSpace(customer.CustomerCode))
            customer = customer with { CustomerCode = customerCode };
        return accounts.GetOrAdd(customerCode, _ => new Lazy<AwsSesAccount>(
            () => AwsSesAccount.Create(customer, roles, settings, managementRequestsPerSecond, handlers?.Invoke(customer)))).Value;
    }

    ISesAccount ISesAccountProvider.ForCustomer(string customerCode) => ForCustomer(customerCode);

    public void Dispose()
    {
        foreach (var account in accounts.Values.Where(a => a.IsValueCreated))
            account.Value.Dispose();
    }
}
