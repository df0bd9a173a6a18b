using System.Security.Cryptography;
using System.Text;
using Berth.Linux;
using Berth.Linux.Mounts;
using Berth.Linux.Native;

namespace Berth.Engine.Containers;

// A container's root filesystem: an overlay of the image's layers (read-only) under the container's own
// upper/work directories, mounted at containers/<id>/rootfs while the container runs.
public static class RootfsMount
{
    // mount(2) copies its data argument into one page.
    private const int MountDataLimit = 4095;

    public static string RootfsOf(string containerDir) => Path.Combine(containerDir, "rootfs");

    public static void Prepare(string containerDir)
    {
        Directory.CreateDirectory(Path.Combine(containerDir, "upper"));
        Directory.CreateDirectory(Path.Combine(containerDir, "work"));
        Directory.CreateDirectory(RootfsOf(containerDir));
    }

    public static void Mount(string dataRoot, string containerDir, IReadOnlyList<string> lowerDirs)
    {
        var target = RootfsOf(containerDir);
        if (IsMountPoint(target)) return;
        var data = Data(lowerDirs, containerDir);
        // Many layers overflow the page: name each layer by a short link instead, as Docker's overlay2 does.
        if (data.Length > MountDataLimit) data = Data(ShortLinks(dataRoot, lowerDirs), containerDir);
        if (data.Length > MountDataLimit)
            throw new ContainerException(500, $"the image has too many layers ({lowerDirs.Count}) to mount as one overlay");
        Mounter.Mount("overlay", target, "overlay", 0, data);
    }

    public static void Unmount(string containerDir)
    {
        var target = RootfsOf(containerDir);
        if (!IsMountPoint(target)) return;
        try
        {
            Mounter.Unmount(target, detach: false);
        }
        catch (Exception e) when (e is LinuxException or SyscallException)
        {
            // Still busy (a process of the container lingering in it): detach, so the directory can go.
            Mounter.Unmount(target, detach: true);
        }
    }

    public static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path);
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == full) return true;
        }
        return false;
    }

    private static string Data(IEnumerable<string> lower, string containerDir) =>
        $"lowerdir={string.Join(':', lower)},upperdir={Path.Combine(containerDir, "upper")},workdir={Path.Combine(containerDir, "work")}";

    private static List<string> ShortLinks(string dataRoot, IReadOnlyList<string> lowerDirs)
    {
        var dir = Path.Combine(dataRoot, "l");
        Directory.CreateDirectory(dir);
        var links = new List<string>();
        foreach (var lower in lowerDirs)
        {
            var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lower)))[..12];
            var link = Path.Combine(dir, name);
            if (!File.Exists(link) && !Directory.Exists(link))
            {
                var tmp = link + "." + Environment.ProcessId + ".tmp";
                File.Delete(tmp);
                File.CreateSymbolicLink(tmp, lower);
                File.Move(tmp, link, overwrite: true);
            }
            links.Add(link);
        }
        return links;
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
