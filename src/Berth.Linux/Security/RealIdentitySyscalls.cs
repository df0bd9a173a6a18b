using Berth.Linux.Native;
using static Berth.Linux.Security.IdentityNative;

namespace Berth.Linux.Security;

internal sealed unsafe class RealIdentitySyscalls : IIdentitySyscalls
{
    public static readonly RealIdentitySyscalls Instance = new();

    public int LastCap => Capabilities.LastCap;

    public void SetKeepCaps(bool keep) =>
        SyscallException.Check(prctl(PR_SET_KEEPCAPS, keep ? 1u : 0u, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");

    public bool InBoundingSet(int cap) =>
        SyscallException.Check(prctl(PR_CAPBSET_READ, (nuint)cap, 0, 0, 0),
            $"read bounding set for {Capabilities.NameOf(cap)}") == 1;

    public void DropBounding(int cap) =>
        SyscallException.Check(prctl(PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0),
            $"drop {Capabilities.NameOf(cap)} from the bounding set");

    public void SetGroups(IReadOnlyList<uint> gids)
    {
        var list = gids.ToArray();
        fixed (uint* p = list)
            SyscallException.Check(setgroups((nuint)list.Length, p), $"setgroups({string.Join(",", list)})");
    }

    public void SetResGid(uint gid) => SyscallException.Check(setresgid(gid, gid, gid), $"setresgid({gid})");

    public void SetResUid(uint uid) => SyscallException.Check(setresuid(uid, uid, uid), $"setresuid({uid})");

    public CapSets GetCaps()
    {
        var header = new CapHeader { Version = LINUX_CAPABILITY_VERSION_3 };
        var data = stackalloc CapData[2];
        SyscallException.Check(capget(&header, data), "capget");
        return new CapSets(
            data[0].Effective | (ulong)data[1].Effective << 32,
            data[0].Permitted | (ulong)data[1].Permitted << 32,
            data[0].Inheritable | (ulong)data[1].Inheritable << 32);
    }

    public void SetCaps(CapSets caps)
    {
        var header = new CapHeader { Version = LINUX_CAPABILITY_VERSION_3 };
        var data = stackalloc CapData[2];
        data[0] = new CapData { Effective = (uint)caps.Effective, Permitted = (uint)caps.Permitted, Inheritable = (uint)caps.Inheritable };
        data[1] = new CapData
        {
            Effective = (uint)(caps.Effective >> 32),
            Permitted = (uint)(caps.Permitted >> 32),
            Inheritable = (uint)(caps.Inheritable >> 32),
        };
        SyscallException.Check(capset(&header, data), "capset");
    }

    public void ClearAmbient() =>
        SyscallException.Check(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient capabilities");

    public void RaiseAmbient(int cap) =>
        SyscallException.Check(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (nuint)cap, 0, 0),
            $"raise ambient {Capabilities.NameOf(cap)}");

    public void Umask(uint mask) => umask(mask);
}
