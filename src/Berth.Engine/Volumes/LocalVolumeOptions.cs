using Berth.Linux;
using Berth.Linux.Mounts;
using Berth.Linux.Native;

namespace Berth.Engine.Volumes;

// The local driver's options (-o type=tmpfs,device=tmpfs,o=size=64m; type=none,device=/path,o=bind): a volume
// with them has a filesystem mounted on its _data directory while a container uses it, as mount(8) would mount
// "device" of "type" with the options "o".
public sealed record LocalVolumeOptions(string Type, string Device, string Options)
{
    private static readonly string[] Valid = ["type", "o", "device", "size"];

    // What each option needs beside it, as dockerd checks them.
    private static readonly (string Option, string[] Needs)[] Mandatory =
    [
        ("device", ["type"]),
        ("type", ["device"]),
        ("o", ["device", "type"]),
    ];

    // Null for a plain directory volume; throws dockerd's reason for options it refuses.
    public static LocalVolumeOptions? Parse(IReadOnlyDictionary<string, string>? opts)
    {
        if (opts is null || opts.Count == 0) return null;
        foreach (var key in opts.Keys.Order(StringComparer.Ordinal))
        {
            if (!Valid.Contains(key)) throw new ArgumentException($"invalid option: {VolumeNames.GoQuote(key)}");
        }
        foreach (var (option, needs) in Mandatory)
        {
            if (!opts.ContainsKey(option)) continue;
            foreach (var need in needs)
                if (!opts.ContainsKey(need)) throw new ArgumentException($"missing required option: {VolumeNames.GoQuote(need)}");
        }
        if (opts.ContainsKey("size"))
            throw new ArgumentException("quota size requested but no quota support");
        var o = opts.GetValueOrDefault("o") ?? "";
        var parsed = Split(o);
        if (parsed.Recursive)
            throw new ArgumentException("the local driver's o=rbind is not supported yet: use o=bind");
        return new LocalVolumeOptions(opts["type"], opts["device"], o);
    }

    private static MountOptions Split(string o)
    {
        try { return MountOptions.Parse(o.Split(',', StringSplitOptions.RemoveEmptyEntries)); }
        catch (LinuxException e) { throw new ArgumentException(e.Message); }
    }

    public void MountOn(string target)
    {
        var parsed = Split(Options);
        var flags = parsed.Flags;
        if (parsed.Bind)
        {
            // mount(2) ignores the flags of a new bind mount: they take effect on a remount.
            Mounter.Mount(Device, target, null, MountFlags.Bind, null);
            if ((flags & ~MountFlags.Remount) != 0) Mounter.RemountBind(target, flags | Mounter.LockedFlags(target));
            return;
        }
        Mounter.Mount(Device, target, Type == "none" ? null : Type, flags, parsed.Data);
    }
}
