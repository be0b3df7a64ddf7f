using System.Reflection;
using System.Runtime.ExceptionServices;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Administration;

/// <summary>
/// Real SES accounts in which one operation fails as the AWS SDK fails it: the returned task faults
/// with <paramref name="fault"/> (an assumed-role credential, for instance, fails on the first call),
/// the first <paramref name="times"/> times it is called (every time by default).
/// </summary>
internal sealed class FailingAccounts(ISesAccountProvider real, string operation, Exception fault, int times = int.MaxValue) : ISesAccountProvider
{
    private int left = times;

    public ISesAccount ForCustomer(string customerCode)
    {
        var account = DispatchProxy.Create<ISesAccount, FailingAccount>();
        ((FailingAccount)(object)account).Setup(real.ForCustomer(customerCode), operation, fault, () => Interlocked.Decrement(ref left) >= 0);
        return account;
    }
}

/// <summary>The proxy behind <see cref="FailingAccounts"/>: every other call goes to the real account.</summary>
public class FailingAccount : DispatchProxy
{
    private static readonly MethodInfo FromException =
        typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private ISesAccount inner = null!;
    private string operation = "";
    private Exception fault = null!;
    private Func<bool> failsNow = null!;

    internal void Setup(ISesAccount real, string failing, Exception exception, Func<bool> failNow) =>
        (inner, operation, fault, failsNow) = (real, failing, exception, failNow);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name != operation || !failsNow())
        {
            try { return targetMethod.Invoke(inner, args); }
            catch (TargetInvocationException ex) when (ex.InnerException is not null) { ExceptionDispatchInfo.Throw(ex.InnerException); throw; }
        }
        return targetMethod.ReturnType == typeof(Task)
            ? Task.FromException(fault)
            : FromException.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()).Invoke(null, [fault]);
    }
}
