using Berth.Linux.Native;

namespace Berth.Linux.Namespaces;

// unshare/setns for the calling thread.
public static class ThreadNamespaces
{
    public static void Unshare(int flags) => SyscallException.Check(Libc.unshare(flags), "unshare namespaces");

    public static void Join(int fd, NamespaceKind kind) => SyscallException.Check(Libc.setns(fd, kind.CloneFlag), $"join {kind.OciName} namespace");
}
