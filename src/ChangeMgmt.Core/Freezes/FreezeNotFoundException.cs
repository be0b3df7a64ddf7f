namespace ChangeMgmt.Core.Freezes;

public sealed class FreezeNotFoundException(string freezeId)
    : Exception($"Freeze {freezeId} does not exist.")
{
    public string FreezeId { get; } = freezeId;
}
