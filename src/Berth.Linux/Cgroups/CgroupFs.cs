using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Cgroups;

// File access for cgroup directories. Virtual where tests on an ordinary
// directory tree cannot behave like cgroupfs (rmdir of a dir with files).
internal class CgroupFs
{
    public static readonly CgroupFs Real = new();

    public virtual bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public virtual string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    // "cgroup memory: cannot set memory.max to 1: Device or resource busy"
    public virtual void Write(string controller, string dir, string file, string value)
    {
        var path = Path.Combine(dir, file);
        var errno = WriteRaw(path, value);
        if (errno == 0) return;
        if (errno == CgroupNative.ENOENT)
            throw Directory.Exists(dir)
                ? new LinuxException($"cgroup {controller}: {file} is not supported on this host (no {path})")
                : new LinuxException($"cgroup {controller}: {dir} does not exist (create the cgroup first)");
        throw new SyscallException($"cgroup {controller}: cannot set {file} to {value}", errno);
    }

    // Returns 0 or errno, so callers can decide what EBUSY/ENOENT mean.
    public virtual int WriteRaw(string path, string value) => CgroupNative.WriteFile(path, value);

    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public virtual int RemoveDirectory(string path) =>
        CgroupNative.rmdir(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public virtual IEnumerable<string> SubDirectories(string path) =>
        Directory.Exists(path) ? Directory.EnumerateDirectories(path) : [];
}
