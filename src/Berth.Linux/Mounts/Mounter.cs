using Berth.Linux.Native;

namespace Berth.Linux.Mounts;

// mount(2) operations with errors that name what was being mounted where.
public static class Mounter
{
    public static void Mount(string? source, string target, string? type, ulong flags, string? data)
    {
        if (Libc.mount(source, target, type, flags, string.IsNullOrEmpty(data) ? null : data) != 0)
        {
            throw SyscallException.Last($"mount {source ?? type ?? "none"} on {target}");
        }
    }

    public static void SetPropagation(string target, ulong propagation) =>
        Mount(null, target, null, propagation, null);

    public static void Unmount(string target, bool detach)
    {
        if (Libc.umount2(target, detach ? 2 : 0) != 0) throw SyscallException.Last($"unmount {target}");
    }

    // Re-applies per-mount flags to a bind mount; a bind mount ignores them on the first call.
    public static void RemountBind(string target, ulong flags) =>
        Mount(null, target, null, MountFlags.Remount | MountFlags.Bind | flags, null);

    // Flags the kernel locks on a mount (nosuid, nodev, noexec, atime) must be kept on remount, or EPERM.
    public static ulong LockedFlags(string target)
    {
        var st = new StatFs();
        return Libc.statfs(target, ref st) == 0 ? StatFs.ToMountFlags(st.Flags) : 0;
    }
}
