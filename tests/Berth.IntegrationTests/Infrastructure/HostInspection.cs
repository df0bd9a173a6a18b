using System.Runtime.InteropServices;
using System.Diagnostics;

namespace Berth.IntegrationTests.Infrastructure;

// What the host looks like from outside the container: cgroup dirs, mounts, processes.
public static partial class HostInspection
{
    private const string CgroupRoot = "/sys/fs/cgroup";

    // Every hierarchy (v1 controllers, named ones, the unified v2 mount) where this cgroup path exists.
    public static IReadOnlyList<string> CgroupDirs(string cgroupsPath)
    {
        var dirs = new List<string>();
        var relative = cgroupsPath.TrimStart('/');
        if (IsCgroupMount(CgroupRoot) && Directory.Exists(Path.Combine(CgroupRoot, relative)))
            dirs.Add(Path.Combine(CgroupRoot, relative));
        foreach (var hierarchy in Directory.GetDirectories(CgroupRoot))
        {
            var dir = Path.Combine(hierarchy, relative);
            if (Directory.Exists(dir))
                dirs.Add(dir);
        }
        return dirs;
    }

    // The v1 controller dir (memory, pids, cpu...) or, on a pure v2 host, the unified dir.
    public static string? ControllerDir(string controller, string cgroupsPath)
    {
        var relative = cgroupsPath.TrimStart('/');
        var v1 = Path.Combine(CgroupRoot, controller, relative);
        if (Directory.Exists(v1))
            return v1;
        var v2 = Path.Combine(CgroupRoot, relative);
        return IsCgroupMount(CgroupRoot) && Directory.Exists(v2) ? v2 : null;
    }

    public static string ReadControl(string controller, string cgroupsPath, string v1File, string v2File)
    {
        var dir = ControllerDir(controller, cgroupsPath) ?? throw new Xunit.Sdk.XunitException($"no {controller} cgroup at {cgroupsPath}");
        var v1 = Path.Combine(dir, v1File);
        return File.ReadAllText(File.Exists(v1) ? v1 : Path.Combine(dir, v2File)).Trim();
    }

    // Kills what a broken runtime left in the cgroup, then removes it in every hierarchy.
    public static void RemoveCgroup(string cgroupsPath)
    {
        foreach (var dir in CgroupDirs(cgroupsPath))
        {
            var procs = Path.Combine(dir, "cgroup.procs");
            if (File.Exists(procs))
            {
                foreach (var line in File.ReadAllLines(procs))
                {
                    if (int.TryParse(line, out var pid))
                        Kill(pid);
                }
            }
            for (var attempt = 0; attempt < 50 && Directory.Exists(dir); attempt++)
            {
                try { Directory.Delete(dir); }
                catch (IOException) { Thread.Sleep(20); } // EBUSY while the killed processes are reaped
            }
        }
    }

    public static IReadOnlyList<string> MountPointsContaining(string path) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => Unescape(line.Split(' ')[4]))
            .Where(mountPoint => mountPoint.Contains(path, StringComparison.Ordinal))
            .ToList();

    // Deepest first, lazily, so a stuck test cannot keep its temp dir busy.
    public static void UnmountUnder(string dir)
    {
        foreach (var mountPoint in MountPointsContaining(dir).Where(m => m.StartsWith(dir, StringComparison.Ordinal)).OrderByDescending(m => m.Length))
            Command.Run("/tmp", "/bin/umount", ["-l", mountPoint]);
    }

    // Blocks until the process has exited (a pidfd becomes readable then), or the timeout passes.
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var fd = (int)PidfdOpen(434, pid, 0);
        if (fd < 0) return !ProcessAlive(pid);
        try
        {
            var pfd = new PollFd { Fd = fd, Events = 1 };
            return Poll(ref pfd, 1, (int)timeout.TotalMilliseconds) > 0 || !ProcessAlive(pid);
        }
        finally
        {
            Close(fd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long PidfdOpen(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll")]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    // A zombie is dead: who reaps it depends on the host's init or subreaper, not on the runtime.
    public static bool ProcessAlive(int pid)
    {
        if (pid <= 0)
            return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException) { return false; }
    }

    private static void Kill(int pid)
    {
        try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    private static bool IsCgroupMount(string path) =>
        File.ReadAllLines("/proc/self/mountinfo").Any(line => line.Split(' ') is var f && f[4] == path && line.Contains(" - cgroup2 "));

    // mountinfo escapes space, tab, newline and backslash as octal.
    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
