using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Linux.Mounts;

// Makes a directory the root of the calling mount namespace.
public static class RootSwitch
{
    private const long SysPivotRoot = 155;
    private const int EINVAL = 22;

    // pivot_root(".", ".") stacks the old root under the new one; unmounting "." then drops it without
    // needing a directory for it inside the container. A root that cannot be pivoted (ramfs/initramfs)
    // is moved over "/" and chrooted instead.
    public static void PivotTo(string rootfs)
    {
        ProcessControl.ChangeDirectory(rootfs);
        if (Libc.syscall(SysPivotRoot, Str("."), Str("."), 0, 0, 0) == 0)
        {
            // Keep the unmount of the old root from propagating back to the host.
            Mounter.Mount(null, ".", null, MountFlags.Slave | MountFlags.Rec, null);
            Mounter.Unmount(".", detach: true);
            ProcessControl.ChangeDirectory("/");
            return;
        }
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno != EINVAL) throw new SyscallException($"pivot_root to {rootfs}", errno);
        Mounter.Mount(rootfs, "/", null, MountFlags.Move, null);
        SyscallException.Check(Libc.chroot("."), $"chroot to {rootfs}");
        ProcessControl.ChangeDirectory("/");
    }

    private static nint Str(string s) => CStrings.Intern(s);
}
