using Berth.Linux.Native;

namespace Berth.Linux.Namespaces;

// The namespace types of the OCI spec, with their clone flag and /proc/PID/ns name.
public sealed record NamespaceKind(string OciName, string ProcName, int CloneFlag)
{
    public static readonly NamespaceKind Pid = new("pid", "pid", NamespaceFlags.NewPid);
    public static readonly NamespaceKind Network = new("network", "net", NamespaceFlags.NewNet);
    public static readonly NamespaceKind Mount = new("mount", "mnt", NamespaceFlags.NewNs);
    public static readonly NamespaceKind Ipc = new("ipc", "ipc", NamespaceFlags.NewIpc);
    public static readonly NamespaceKind Uts = new("uts", "uts", NamespaceFlags.NewUts);
    public static readonly NamespaceKind User = new("user", "user", NamespaceFlags.NewUser);
    public static readonly NamespaceKind Cgroup = new("cgroup", "cgroup", NamespaceFlags.NewCgroup);
    public static readonly NamespaceKind Time = new("time", "time", 0x80);

    public static readonly IReadOnlyList<NamespaceKind> All = [Pid, Network, Mount, Ipc, Uts, User, Cgroup, Time];

    public static NamespaceKind Parse(string ociName) =>
        All.FirstOrDefault(k => k.OciName == ociName)
        ?? throw new LinuxException($"unknown namespace type \"{ociName}\" (known: {string.Join(", ", All.Select(k => k.OciName))})");
}
