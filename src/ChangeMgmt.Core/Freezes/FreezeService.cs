using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// Adding, editing, removing and reading freeze windows; every write is a new version (the replaced one kept), guarded
/// by the caller's version. Removal is soft: the freeze is kept with <c>deletedAt</c> and no longer applies.
/// </summary>
public sealed class FreezeService(IObjectStore store, ChangeMgmtConfig config, TimeProvider time)
{
    private readonly FreezeRepository repository = new(store);

    /// <summary>Stores <paramref name="input"/>'s fields as a new freeze (version 1); its id and stamps are assigned here.</summary>
    public async Task<ChangeFreeze> AddAsync(ChangeFreeze input, string user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var freeze = Checked(input) with
        {
            Version = 1, CreatedAt = now, CreatedBy = user, ModifiedAt = now, ModifiedBy = user, DeletedAt = null, DeletedBy = null,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await repository.CreateAsync(freeze with { FreezeId = FreezeId.New(now) }, ct)).Freeze;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // Six random characters already taken the same day: draw again.
            }
        }
    }

    /// <summary>Replaces the freeze's fields with <paramref name="edit"/>'s, if it is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<ChangeFreeze> UpdateAsync(string id, ChangeFreeze edit, int expectedVersion, string user, CancellationToken ct)
    {
        var current = await GetCurrentAsync(id, expectedVersion, ct);
        var old = current.Freeze;
        var next = Checked(edit) with
        {
            FreezeId = id, Version = old.Version + 1, CreatedAt = old.CreatedAt, CreatedBy = old.CreatedBy,
            ModifiedAt = time.GetUtcNow(), ModifiedBy = user, DeletedAt = null, DeletedBy = null,
        };
        return (await repository.ReplaceAsync(current, next, ct)).Freeze;
    }

    /// <summary>Removes the freeze (kept, marked deleted, as a new version): changes are no longer held by it.</summary>
    public async Task<ChangeFreeze> RemoveAsync(string id, int expectedVersion, string user, CancellationToken ct)
    {
        var current = await GetCurrentAsync(id, expectedVersion, ct);
        var now = time.GetUtcNow();
        var next = current.Freeze with { Version = current.Freeze.Version + 1, ModifiedAt = now, ModifiedBy = user, DeletedAt = now, DeletedBy = user };
        return (await repository.ReplaceAsync(current, next, ct)).Freeze;
    }

    /// <summary>A live freeze; a removed or unknown one is not found.</summary>
    public async Task<ChangeFreeze> GetAsync(string id, CancellationToken ct) => (await GetStoredAsync(id, ct)).Freeze;

    /// <summary>The freezes, by start; removed ones only when asked for.</summary>
    public async Task<IReadOnlyList<ChangeFreeze>> ListAsync(bool includeRemoved, CancellationToken ct) =>
        [.. (await repository.ListAsync(ct)).Where(f => includeRemoved || f.DeletedAt is null).OrderBy(FirstDay).ThenBy(f => f.FreezeId, StringComparer.Ordinal)];

    /// <summary>Every kept version, oldest first, the current (possibly removed) one last.</summary>
    public async Task<IReadOnlyList<ChangeFreeze>> GetVersionsAsync(string id, CancellationToken ct)
    {
        var current = await FindAsync(id, ct) ?? throw new FreezeNotFoundException(id);
        return await KeptVersions.ReadAsync(current.Freeze, current.Freeze.Version, v => repository.GetVersionAsync(id, v, ct));
    }

    /// <summary>The live freezes a window runs into for any of <paramref name="customers"/> (see <see cref="FreezeCheck"/>).</summary>
    public async Task<IReadOnlyList<FreezeOverlap>> OverlappingAsync(DateTimeOffset start, DateTimeOffset end, IReadOnlyCollection<string> customers, CancellationToken ct) =>
        FreezeCheck.Overlapping(start, end, customers, await repository.ListAsync(ct));

    private ChangeFreeze Checked(ChangeFreeze input)
    {
        var errors = FreezeValidator.Validate(input, config);
        if (errors.Count > 0) throw new ChangeValidationException(errors, "freeze");
        return input with { Timezone = IanaZones.Canonical(input.Timezone!) };
    }

    private async Task<StoredFreeze> GetStoredAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) is { Freeze.DeletedAt: null } stored ? stored : throw new FreezeNotFoundException(id);

    private Task<StoredFreeze?> FindAsync(string id, CancellationToken ct) =>
        FreezeId.IsValid(id) ? repository.FindAsync(id, ct) : Task.FromResult<StoredFreeze?>(null);

    private async Task<StoredFreeze> GetCurrentAsync(string id, int expectedVersion, CancellationToken ct)
    {
        var current = await GetStoredAsync(id, ct);
        return current.Freeze.Version == expectedVersion ? current : throw new ChangeVersionConflictException(id, expectedVersion, current.Freeze.Version);
    }

    private static DateTime FirstDay(ChangeFreeze f) => f.StartDate?.ToDateTime(TimeOnly.MinValue) ?? f.Start?.UtcDateTime ?? DateTime.MaxValue;
}
