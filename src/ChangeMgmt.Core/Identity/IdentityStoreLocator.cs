using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

public enum IdentityStoreSource { Explicit, ExportFile, ListInstances }

/// <summary>Which identity store to read and how it was found (<see cref="Detail"/>: the export file or the instance ARN).</summary>
public sealed record IdentityStoreLocation(string IdentityStoreId, IdentityStoreSource Source, string? Detail);

/// <summary>The identity store could not be determined; the message says what was tried.</summary>
public sealed class IdentityStoreNotFoundException(string message) : Exception(message);

/// <summary>
/// The identity store id: the one given, else the newest export file's in the directory (of the
/// customer when one is named), else the only IAM Identity Center instance's (SSO Admin ListInstances).
/// </summary>
public static class IdentityStoreLocator
{
    public static async Task<IdentityStoreLocation> LocateAsync(
        string? identityStoreId, string? exportDirectory, string? customerCode, IIdentityCenterInstances? instances, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(identityStoreId))
            return new IdentityStoreLocation(identityStoreId.Trim(), IdentityStoreSource.Explicit, null);

        if (!string.IsNullOrWhiteSpace(exportDirectory) && IdentityCenterExport.ReadLatest(exportDirectory, customerCode) is { } export)
            return new IdentityStoreLocation(export.IdentityStoreId, IdentityStoreSource.ExportFile, export.Path);

        var prefix = customerCode is null ? "" : $"{customerCode}: ";
        if (instances is null)
            throw new IdentityStoreNotFoundException(
                $"{prefix}no identity store id given and no export file in {exportDirectory ?? "(no directory)"}; give -IdentityStoreId.");

        var all = new List<IdentityCenterInstance>();
        await foreach (var instance in instances.AllInstancesAsync(ct)) all.Add(instance);
        return all.Count switch
        {
            1 => new IdentityStoreLocation(all[0].IdentityStoreId, IdentityStoreSource.ListInstances, all[0].InstanceArn),
            0 => throw new IdentityStoreNotFoundException($"{prefix}the account has no IAM Identity Center instance; give -IdentityStoreId."),
            _ => throw new IdentityStoreNotFoundException(
                $"{prefix}the account has {all.Count} IAM Identity Center instances; give -IdentityStoreId with one of: " +
                string.Join(", ", all.Select(i => $"{i.IdentityStoreId} ({i.InstanceArn}{(i.Name is null ? "" : ", " + i.Name)})")) + "."),
        };
    }
}
