using System.Reflection;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Feedback;

/// <summary>
/// A real SES account whose named method is throttled the first <c>times</c> it is called, then works: the failure
/// a hygiene action meets when the account's management rate is used up. Every other call goes to the real account.
/// </summary>
public class ThrottlingOnce : DispatchProxy
{
    private ISesAccount _inner = null!;
    private string _method = "";
    private int _left;

    /// <summary>How many calls of the method reached the real account.</summary>
    public int Calls { get; private set; }

    public static (ISesAccountProvider Provider, ThrottlingOnce Proxy) Wrap(ISesAccountProvider provider, string customerCode, string method, int times)
    {
        var account = Create<ISesAccount, ThrottlingOnce>();
        var proxy = (ThrottlingOnce)(object)account;
        (proxy._inner, proxy._method, proxy._left) = (provider.ForCustomer(customerCode), method, times);
        return (new Provider(provider, customerCode, account), proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == _method)
        {
            if (_left > 0)
            {
                _left--;
                throw new ServiceException(ServiceErrorKind.Throttled, "Maximum sending rate exceeded.", null);
            }
            Calls++;
        }
        try { return targetMethod.Invoke(_inner, args); }
        catch (TargetInvocationException ex) { throw ex.InnerException!; }
    }

    private sealed class Provider(ISesAccountProvider inner, string customerCode, ISesAccount account) : ISesAccountProvider
    {
        public ISesAccount ForCustomer(string code) => code == customerCode ? account : inner.ForCustomer(code);
    }
}
