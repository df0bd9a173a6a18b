using Berth.Linux.Native;

namespace Berth.Linux.Mounts;

// OCI/fstab mount options split into mount(2) flags, propagation changes and filesystem data.
public sealed class MountOptions
{
    public ulong Flags { get; private set; }
    public List<ulong> Propagation { get; } = [];
    public bool Bind { get; private set; }
    public bool Recursive { get; private set; }
    public string Data { get; private set; } = "";

    public bool ReadOnly => (Flags & MountFlags.ReadOnly) != 0;

    private static readonly Dictionary<string, (bool Clear, ulong Flag)> FlagOptions = new()
    {
        ["ro"] = (false, MountFlags.ReadOnly), ["rw"] = (true, MountFlags.ReadOnly),
        ["nosuid"] = (false, MountFlags.NoSuid), ["suid"] = (true, MountFlags.NoSuid),
        ["nodev"] = (false, MountFlags.NoDev), ["dev"] = (true, MountFlags.NoDev),
        ["noexec"] = (false, MountFlags.NoExec), ["exec"] = (true, MountFlags.NoExec),
        ["sync"] = (false, MountFlags.Synchronous), ["async"] = (true, MountFlags.Synchronous),
        ["dirsync"] = (false, MountFlags.DirSync),
        ["remount"] = (false, MountFlags.Remount),
        ["mand"] = (false, MountFlags.Mandlock), ["nomand"] = (true, MountFlags.Mandlock),
        ["noatime"] = (false, MountFlags.NoAtime), ["atime"] = (true, MountFlags.NoAtime),
        ["nodiratime"] = (false, MountFlags.NoDirAtime), ["diratime"] = (true, MountFlags.NoDirAtime),
        ["relatime"] = (false, MountFlags.RelAtime), ["norelatime"] = (true, MountFlags.RelAtime),
        ["strictatime"] = (false, MountFlags.StrictAtime), ["nostrictatime"] = (true, MountFlags.StrictAtime),
        ["nosymfollow"] = (false, MountFlags.NoSymFollow), ["symfollow"] = (true, MountFlags.NoSymFollow),
        ["lazytime"] = (false, MountFlags.LazyTime), ["nolazytime"] = (true, MountFlags.LazyTime),
        ["silent"] = (false, MountFlags.Silent), ["loud"] = (true, MountFlags.Silent),
    };

    private static readonly Dictionary<string, ulong> PropagationOptions = new()
    {
        ["private"] = MountFlags.Private, ["rprivate"] = MountFlags.Private | MountFlags.Rec,
        ["shared"] = MountFlags.Shared, ["rshared"] = MountFlags.Shared | MountFlags.Rec,
        ["slave"] = MountFlags.Slave, ["rslave"] = MountFlags.Slave | MountFlags.Rec,
        ["unbindable"] = MountFlags.Unbindable, ["runbindable"] = MountFlags.Unbindable | MountFlags.Rec,
    };

    public static MountOptions Parse(IEnumerable<string>? options)
    {
        var result = new MountOptions();
        var data = new List<string>();
        foreach (var option in options ?? [])
        {
            if (FlagOptions.TryGetValue(option, out var f))
            {
                result.Flags = f.Clear ? result.Flags & ~f.Flag : result.Flags | f.Flag;
            }
            else if (PropagationOptions.TryGetValue(option, out var p))
            {
                result.Propagation.Add(p);
            }
            else if (option == "bind")
            {
                result.Bind = true;
            }
            else if (option == "rbind")
            {
                result.Bind = true;
                result.Recursive = true;
            }
            else if (option is "tmpcopyup" or "rro" or "rrw" or "idmap" or "ridmap")
            {
                throw new LinuxException($"mount option \"{option}\" is not supported yet");
            }
            else if (option.Length > 0)
            {
                data.Add(option);
            }
        }
        result.Data = string.Join(',', data);
        return result;
    }

    // Parses one propagation word (rootfsPropagation); null if it is not one.
    public static ulong? ParsePropagation(string word) => PropagationOptions.TryGetValue(word, out var p) ? p : null;
}
