using Berth.Linux.Native;

namespace Berth.Linux.Namespaces;

public static class NamespaceFiles
{
    // Opens a namespace file (/proc/PID/ns/net, /var/run/netns/x) for setns; the caller closes it.
    public static int Open(string path, NamespaceKind kind)
    {
        var fd = Libc.open(path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, 0);
        if (fd < 0) throw SyscallException.Last($"open {kind.OciName} namespace {path}");
        return fd;
    }

    public static string OfProcess(int pid, NamespaceKind kind) => $"/proc/{pid}/ns/{kind.ProcName}";
}
