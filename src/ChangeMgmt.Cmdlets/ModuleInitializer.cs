using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Dependency isolation: the cmdlets assembly is the only one in the default load context.
/// When the default context cannot find ChangeMgmt.Core (it lives in Dependencies/, which
/// PowerShell does not probe), it is handed the copy from the module's own context, and with
/// it every assembly Core needs. Nothing else of ours ever enters the default context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The folder beside the module assembly that holds Core and its dependencies.</summary>
    public const string DependencyFolderName = "Dependencies";

    /// <summary>Assemblies the default context may take from the module's context (the engine entry points).</summary>
    private static readonly HashSet<string> Bridged = new(StringComparer.Ordinal) { "ChangeMgmt.Core", "ChangeMgmt.Local", "ChangeMgmt.Aws", "ChangeMgmt.Deployment" };

    private static readonly Lazy<DependencyLoadContext> Context = new(() =>
        new DependencyLoadContext(Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", DependencyFolderName)));

    /// <summary>The module's load context (exposed for diagnostics and tests).</summary>
    public static AssemblyLoadContext LoadContext => Context.Value;

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveFromModuleContext;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveFromModuleContext;

    private static Assembly? ResolveFromModuleContext(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (name.Name is null || !Bridged.Contains(name.Name)) return null;
        return Context.Value.PathFor(name) is null ? null : Context.Value.LoadFromAssemblyName(name);
    }
}
