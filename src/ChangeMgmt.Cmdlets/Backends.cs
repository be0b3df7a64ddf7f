using ChangeMgmt.Aws;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Opens local mode or AWS. Only ChangeMgmt's own types appear here: AWSSDK and SQLite types stay
/// inside ChangeMgmt.Aws and ChangeMgmt.Local, which load in the module's own context.
/// </summary>
internal static class Backends
{
    public static Backend OpenLocal(LoadedConfig config, string dataDirectory) => LocalBackend.Open(config, dataDirectory);
}
