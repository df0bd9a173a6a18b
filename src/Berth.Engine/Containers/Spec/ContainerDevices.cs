using System.Text.RegularExpressions;
using Berth.Api.Models.Containers;
using Berth.Linux.FileSystem;
using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// Device nodes and device cgroup rules: Docker's allow list, --device, --device-cgroup-rule, --privileged.
public static partial class ContainerDevices
{
    // runc's allowed devices, which dockerd uses: mknod of anything, and the standard nodes, pts, ptmx and tun.
    public static List<DeviceCgroupRule> DefaultRules() =>
    [
        new() { Allow = false, Access = "rwm" },
        new() { Allow = true, Type = "c", Access = "m" },
        new() { Allow = true, Type = "b", Access = "m" },
        Rule("c", 1, 3), Rule("c", 1, 8), Rule("c", 1, 7), Rule("c", 5, 0), Rule("c", 1, 5), Rule("c", 1, 9),
        Rule("c", 5, 1), Rule("c", 136, null), Rule("c", 5, 2), Rule("c", 10, 200),
    ];

    public static DeviceCgroupRule ParseRule(string text)
    {
        var m = RulePattern().Match(text);
        if (!m.Success) throw new ContainerSpecException($"invalid device cgroup format '{text}'");
        long? Num(string s) => s == "*" ? null : long.Parse(s);
        return new DeviceCgroupRule { Allow = true, Type = m.Groups[1].Value, Major = Num(m.Groups[2].Value), Minor = Num(m.Groups[3].Value), Access = m.Groups[4].Value };
    }

    public static (DeviceSpec Node, DeviceCgroupRule Rule) FromMapping(DeviceMapping d)
    {
        var host = d.PathOnHost ?? "";
        var inContainer = string.IsNullOrEmpty(d.PathInContainer) ? host : d.PathInContainer;
        var perms = string.IsNullOrEmpty(d.CgroupPermissions) ? "rwm" : d.CgroupPermissions;
        if (perms.Length > 3 || perms.Any(c => c is not ('r' or 'w' or 'm')) || perms.Distinct().Count() != perms.Length)
            throw new ContainerSpecException($"invalid device mode: {perms}");
        var node = Stat(host)
            ?? throw new ContainerSpecException($"error gathering device information while adding custom device \"{host}\": no such file or directory");
        node.Path = inContainer;
        return (node, new DeviceCgroupRule { Allow = true, Type = node.Type, Major = node.Major, Minor = node.Minor, Access = perms });
    }

    // Every device node of the host, for --privileged; runc skips the same directories.
    public static List<DeviceSpec> HostDevices()
    {
        var list = new List<DeviceSpec>();
        void Walk(string dir)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(dir))
            {
                var name = Path.GetFileName(path);
                var st = FileStatusCalls.TryLstat(path);
                if (st is null) continue;
                if (st.Value.IsDirectory)
                {
                    if (name is not ("pts" or "shm" or "fd" or "mqueue" or ".lxc" or ".lxd-mounts" or ".udev")) Walk(path);
                    continue;
                }
                if (path == "/dev/console") continue;
                if (st.Value.Type is FileStatus.TypeCharDevice or FileStatus.TypeBlockDevice && Stat(path) is { } node) list.Add(node);
            }
        }
        Walk("/dev");
        return list;
    }

    private static DeviceSpec? Stat(string path)
    {
        if (FileStatusCalls.TryLstat(path) is not { } st) return null;
        var type = st.Type switch
        {
            FileStatus.TypeCharDevice => "c",
            FileStatus.TypeBlockDevice => "b",
            _ => null,
        };
        if (type is null)
            throw new ContainerSpecException($"error gathering device information while adding custom device \"{path}\": not a device node");
        return new DeviceSpec { Type = type, Path = path, Major = st.RdevMajor, Minor = st.RdevMinor, FileMode = st.Permissions, Uid = st.Uid, Gid = st.Gid };
    }

    private static DeviceCgroupRule Rule(string type, long major, long? minor) =>
        new() { Allow = true, Type = type, Major = major, Minor = minor, Access = "rwm" };

    [GeneratedRegex(@"^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$")]
    private static partial Regex RulePattern();
}
