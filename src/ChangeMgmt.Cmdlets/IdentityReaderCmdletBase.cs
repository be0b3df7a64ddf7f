namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that only read customers' Identity Center, which is always on AWS: they have no
/// -DataDirectory (the override drops its [Parameter]) and ignore $env:CHANGEMGMT_DATA_DIR.
/// </summary>
public abstract class IdentityReaderCmdletBase : IdentityCmdletBase
{
    public sealed override string? DataDirectory { get => null; set { } }

    private protected sealed override bool HasLocalMode => false;
}
