using Berth.Linux.Mounts;
using Berth.Linux.Native;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Init;

// Builds the container's mount tree under the rootfs, before pivot_root: propagation, the rootfs bind,
// the spec's mounts and /dev.
internal sealed class RootfsBuilder(InitConfig config)
{
    private readonly RuntimeSpec _spec = config.Spec;
    private readonly string _rootfs = config.Rootfs;

    public void Prepare()
    {
        var propagation = _spec.Linux?.RootfsPropagation is { Length: > 0 } p
            ? MountOptions.ParsePropagation(p)!.Value
            : MountFlags.Slave | MountFlags.Rec;
        Mounter.SetPropagation("/", propagation);
        // pivot_root needs the new root to be a mount point.
        Mounter.Mount(_rootfs, _rootfs, null, MountFlags.Bind | MountFlags.Rec, null);
        foreach (var mount in _spec.Mounts ?? []) MountOne(mount);
        if (!BindsOverDev()) DevSetup.Populate(_rootfs, _spec.Linux?.Devices);
    }

    private bool BindsOverDev() =>
        _spec.Mounts?.Any(m => m.Destination.TrimEnd('/') == "/dev" && IsBind(m, MountOptions.Parse(m.Options))) == true;

    private static bool IsBind(MountSpec m, MountOptions o) => o.Bind || m.Type == "bind";

    private void MountOne(MountSpec m)
    {
        var options = MountOptions.Parse(m.Options);
        var dest = SecurePath.Join(_rootfs, m.Destination);
        if (IsBind(m, options))
        {
            BindMount(m, options, dest);
        }
        else if (m.Type == "cgroup" || m.Type == "cgroup2")
        {
            CgroupMount.Mount(config, dest, options);
        }
        else
        {
            Directory.CreateDirectory(dest);
            MountFilesystem(m, options, dest);
        }
        foreach (var p in options.Propagation) Mounter.SetPropagation(dest, p);
    }

    private void MountFilesystem(MountSpec m, MountOptions options, string dest)
    {
        var type = m.Type ?? throw new RuntimeException($"mount on {m.Destination} has no type");
        try
        {
            Mounter.Mount(m.Source ?? type, dest, type, options.Flags, options.Data);
        }
        catch (SyscallException e) when (type == "sysfs" && e.Errno is 1 or 16)
        {
            // sysfs cannot be mounted afresh from a network namespace the container shares with the host:
            // show the host's /sys instead, as runc does.
            Mounter.Mount("/sys", dest, null, MountFlags.Bind | MountFlags.Rec, null);
            Mounter.RemountBind(dest, options.Flags | MountFlags.Rec);
        }
    }

    private void BindMount(MountSpec m, MountOptions options, string dest)
    {
        var source = m.Source ?? throw new RuntimeException($"bind mount on {m.Destination} has no source");
        if (!Path.IsPathRooted(source)) source = Path.GetFullPath(Path.Combine(config.Bundle, source));
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(dest);
        }
        else if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            if (!File.Exists(dest) && !Directory.Exists(dest)) File.WriteAllBytes(dest, []);
        }
        else
        {
            throw new RuntimeException($"bind mount source {source} does not exist");
        }
        Mounter.Mount(source, dest, null, MountFlags.Bind | (options.Recursive ? MountFlags.Rec : 0), null);
        var extra = options.Flags & ~MountFlags.Remount;
        if (extra != 0) Mounter.RemountBind(dest, extra | (Mounter.LockedFlags(dest) & ~MountFlags.ReadOnly));
    }
}
