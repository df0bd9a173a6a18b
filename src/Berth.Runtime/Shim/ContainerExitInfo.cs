using System.Text.Json;
using Berth.Linux.Cgroups;

namespace Berth.Runtime.Shim;

// What only the shim can still see when the container has exited: whether the kernel's OOM killer struck in
// its cgroup. Read before the runtime deletes the cgroup.
internal static class ContainerExitInfo
{
    public static string CgroupsPathOf(string bundle, string id)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(bundle, "config.json")));
            if (doc.RootElement.TryGetProperty("linux", out var linux) && linux.TryGetProperty("cgroupsPath", out var p)
                && p.GetString() is { Length: > 0 } path) return path;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
        }
        return $"/berth/{id}"; // berth runtime's default
    }

    // Opened while the container runs, so its exit does not wait for the cgroup layout to be read; null if it
    // cannot be read (no OOM kill is reported then).
    public static CgroupManager? OpenCgroup(string cgroupsPath)
    {
        try
        {
            return CgroupManager.Open(cgroupsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Berth.Linux.LinuxException or Berth.Linux.Native.SyscallException or FormatException)
        {
            return null;
        }
    }

    public static bool OomKilled(CgroupManager? cgroup)
    {
        try
        {
            return cgroup?.OomKilled() ?? false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Berth.Linux.LinuxException or Berth.Linux.Native.SyscallException or FormatException)
        {
            return false;
        }
    }
}
