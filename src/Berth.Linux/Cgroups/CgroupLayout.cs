using System.Text;

namespace Berth.Linux.Cgroups;

// Pure parsers for the kernel's description of the cgroup layout, so every
// layout (v1, v2, hybrid, container subtrees) can be tested from text.
internal static class CgroupLayout
{
    // /proc/self/cgroup: "hierarchy-id:controller-list:path". Key is the
    // controller list as written ("cpu,cpuacct", "name=systemd", "" for v2).
    public static Dictionary<string, string> ParseProcCgroup(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var first = line.IndexOf(':');
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0) continue;
            var controllers = line[(first + 1)..second];
            result.TryAdd(controllers, line[(second + 1)..]);
        }
        return result;
    }

    // Keeps the first mount of each hierarchy; later ones are usually bind
    // mounts of the same thing inside a container.
    public static List<CgroupMount> ParseMountInfo(string mountInfo, string procSelfCgroup)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in ParseProcCgroup(procSelfCgroup).Keys)
            foreach (var c in key.Split(',', StringSplitOptions.RemoveEmptyEntries))
                known.Add(c);

        var mounts = new List<CgroupMount>();
        foreach (var raw in mountInfo.Split('\n'))
        {
            var mount = ParseLine(raw, known);
            if (mount is null) continue;
            if (mount.IsV2 ? mounts.Any(m => m.IsV2) : mounts.Any(m => !m.IsV2 && m.Controllers.SetEquals(mount.Controllers)))
                continue;
            mounts.Add(mount);
        }
        return mounts;
    }

    private static readonly HashSet<string> V1Flags = new(StringComparer.Ordinal)
    {
        "rw", "ro", "clone_children", "noprefix", "xattr", "cpuset_v2_mode", "favordynmods",
    };

    private static CgroupMount? ParseLine(string line, HashSet<string> known)
    {
        // id parent maj:min root mountpoint options [optional...] - fstype source superoptions
        var fields = line.Trim().Split(' ');
        var sep = Array.IndexOf(fields, "-");
        if (sep < 6 || fields.Length < sep + 4) return null;
        var fsType = fields[sep + 1];
        if (fsType == "cgroup2")
            return new CgroupMount(Unescape(fields[4]), Unescape(fields[3]), new HashSet<string>(), IsV2: true);
        if (fsType != "cgroup") return null;

        var controllers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var opt in fields[sep + 3].Split(','))
        {
            if (opt.StartsWith("name=", StringComparison.Ordinal)) controllers.Add(opt);
            else if (known.Count > 0 ? known.Contains(opt) : !V1Flags.Contains(opt) && !opt.Contains('='))
                controllers.Add(opt);
        }
        return controllers.Count == 0 ? null
            : new CgroupMount(Unescape(fields[4]), Unescape(fields[3]), controllers, IsV2: false);
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    internal static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '7' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';

    // Mode follows the mounts: real v1 controllers decide v1 vs hybrid; a
    // lone name=systemd v1 hierarchy next to cgroup2 is still v2.
    public static CgroupMode DetectMode(IReadOnlyList<CgroupMount> mounts)
    {
        var v1 = mounts.Any(m => !m.IsV2 && m.Controllers.Any(c => !c.StartsWith("name=", StringComparison.Ordinal)));
        var v2 = mounts.Any(m => m.IsV2);
        if (v1) return v2 ? CgroupMode.Hybrid : CgroupMode.V1;
        if (v2) return CgroupMode.V2;
        throw new LinuxException("no cgroup filesystem is mounted (looked for cgroup and cgroup2 in /proc/self/mountinfo)");
    }

    // The process's own cgroup in a mount, relative to that mount's root.
    public static string OwnPathInMount(CgroupMount mount, Dictionary<string, string> procCgroup)
    {
        string? own = null;
        if (mount.IsV2) procCgroup.TryGetValue("", out own);
        else
            foreach (var (key, path) in procCgroup)
                if (key.Length > 0 && mount.Controllers.SetEquals(key.Split(',', StringSplitOptions.RemoveEmptyEntries)))
                { own = path; break; }
        if (own is null) return "/";
        // Without a cgroup namespace a container's mount root is a subtree
        // ("/docker/<id>") and /proc/self/cgroup names the full path.
        if (mount.Root != "/" && (own == mount.Root || own.StartsWith(mount.Root + "/", StringComparison.Ordinal)))
            own = own[mount.Root.Length..];
        return own.Length == 0 ? "/" : own;
    }

    // cgroupsPath as in OCI linux.cgroupsPath, resolved inside one mount.
    public static string Resolve(string prefix, CgroupMount mount, string cgroupsPath, Dictionary<string, string> procCgroup)
    {
        var inMount = cgroupsPath.StartsWith('/')
            ? cgroupsPath
            : OwnPathInMount(mount, procCgroup).TrimEnd('/') + "/" + cgroupsPath;
        return prefix + mount.MountPoint.TrimEnd('/') + "/" + inMount.Trim('/');
    }

    public static string Validate(string cgroupsPath)
    {
        if (cgroupsPath.Contains(':'))
            throw new LinuxException("systemd cgroup paths are not supported yet");
        var parts = cgroupsPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new LinuxException($"invalid cgroupsPath \"{cgroupsPath}\": it names no cgroup");
        if (parts.Any(p => p is "." or ".."))
            throw new LinuxException($"invalid cgroupsPath \"{cgroupsPath}\": \".\" and \"..\" are not allowed");
        return (cgroupsPath.StartsWith('/') ? "/" : "") + string.Join('/', parts);
    }
}
