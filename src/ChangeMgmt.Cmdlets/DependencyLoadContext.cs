using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The module's own AssemblyLoadContext: ChangeMgmt.Core and everything it depends on
/// (AWSSDK.*, SQLite, Microsoft.Extensions.*) load from the module's Dependencies folder,
/// whatever versions the PowerShell session already loaded into the default context.
/// </summary>
internal sealed class DependencyLoadContext(string dependencyDirectory)
    : AssemblyLoadContext("ChangeMgmt", isCollectible: false)
{
    public string DependencyDirectory { get; } = dependencyDirectory;

    /// <summary>Our copy first; framework and engine assemblies (not in the folder) come from the default context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = PathFor(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>Native libraries (e_sqlite3) from Dependencies/runtimes/&lt;rid&gt;/native, else Dependencies itself.</summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var directory in NativeDirectories())
            foreach (var candidate in NativeCandidates(unmanagedDllName))
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path)) return LoadUnmanagedDllFromPath(path);
            }
        return IntPtr.Zero;
    }

    private IEnumerable<string> NativeDirectories()
    {
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var runtimes = Path.Combine(DependencyDirectory, "runtimes");
        yield return Path.Combine(runtimes, RuntimeInformation.RuntimeIdentifier, "native");
        if (OperatingSystem.IsLinux())
        {
            yield return Path.Combine(runtimes, $"linux-{arch}", "native");
            yield return Path.Combine(runtimes, $"linux-musl-{arch}", "native");
        }
        else if (OperatingSystem.IsMacOS()) yield return Path.Combine(runtimes, $"osx-{arch}", "native");
        else if (OperatingSystem.IsWindows()) yield return Path.Combine(runtimes, $"win-{arch}", "native");
        yield return DependencyDirectory;
    }

    public string? PathFor(AssemblyName assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName.Name)) return null;
        var path = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static IEnumerable<string> NativeCandidates(string name)
    {
        yield return name;
        yield return name + ".so";
        yield return "lib" + name + ".so";
        yield return name + ".dylib";
        yield return "lib" + name + ".dylib";
        yield return name + ".dll";
    }
}
