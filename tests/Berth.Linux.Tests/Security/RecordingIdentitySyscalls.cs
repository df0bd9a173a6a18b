using Berth.Linux.Security;

namespace Berth.Linux.Tests.Security;

// Records the transition instead of making it; the host starts as this machine
// does: root with every cap but CAP_SYS_RESOURCE (24) in bounding and permitted.
internal sealed class RecordingIdentitySyscalls : IIdentitySyscalls
{
    public const int SysResource = 24;

    public List<string> Calls { get; } = [];

    public int LastCap { get; init; } = 40;

    public ulong Bounding { get; set; } = ((1UL << 41) - 1) & ~(1UL << SysResource);

    public CapSets Current { get; set; } = new(((1UL << 41) - 1) & ~(1UL << SysResource),
        ((1UL << 41) - 1) & ~(1UL << SysResource), 0);

    public void SetKeepCaps(bool keep) => Calls.Add($"keepcaps {(keep ? 1 : 0)}");

    public bool InBoundingSet(int cap) => (Bounding & (1UL << cap)) != 0;

    public void DropBounding(int cap)
    {
        Bounding &= ~(1UL << cap);
        Calls.Add($"bounding drop {cap}");
    }

    public void SetGroups(IReadOnlyList<uint> gids) => Calls.Add($"setgroups [{string.Join(",", gids)}]");

    public void SetResGid(uint gid) => Calls.Add($"setresgid {gid}");

    public void SetResUid(uint uid) => Calls.Add($"setresuid {uid}");

    public CapSets GetCaps() => Current;

    public void SetCaps(CapSets caps)
    {
        Current = caps;
        Calls.Add($"capset e={caps.Effective:x} p={caps.Permitted:x} i={caps.Inheritable:x}");
    }

    public void ClearAmbient() => Calls.Add("ambient clear");

    public void RaiseAmbient(int cap) => Calls.Add($"ambient raise {cap}");

    public void Umask(uint mask) => Calls.Add($"umask {Convert.ToString(mask, 8)}");
}
