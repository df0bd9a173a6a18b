using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Cgroups;

// File access for cgroup directories: the one seam between cgroup logic and
// the kernel. Virtual where tests on an ordinary directory tree must differ
// from cgroupfs (rmdir of a directory that holds files) or want to record.
internal class CgroupFs
{
    public static readonly CgroupFs Real = new();

    public virtual bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    // Null when the file is gone or unreadable: a cgroup can vanish while a
    // caller reads its stats, and that is not an error for a reader.
    public virtual string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public void Write(string controller, string dir, string file, string value)
    {
        var errno = WriteRaw(Path.Combine(dir, file), value);
        if (errno != 0) throw Failure(controller, dir, file, value, errno);
    }

    // "cgroup memory: cannot set memory.max to 1: Device or resource busy"
    public static Exception Failure(string controller, string dir, string file, string value, int errno, string? detail = null)
    {
        if (errno == CgroupNative.ENOENT)
            return Directory.Exists(dir)
                ? new LinuxException($"cgroup {controller}: {file} is not supported on this host (no {Path.Combine(dir, file)})")
                : new LinuxException($"cgroup {controller}: {dir} does not exist (create the cgroup first)");
        return new SyscallException($"cgroup {controller}: cannot set {file} to {value}{detail}", errno);
    }

    // A single write(2); returns 0 or errno so callers can decide what EBUSY
    // or EINVAL mean for a particular knob.
    public virtual int WriteRaw(string path, string value) => CgroupNative.WriteFile(path, value);

    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public virtual int RemoveDirectory(string path) =>
        CgroupNative.rmdir(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public virtual IReadOnlyList<string> SubDirectories(string path)
    {
        try { return Directory.Exists(path) ? Directory.GetDirectories(path) : []; }
        catch (DirectoryNotFoundException) { return []; } // removed while listing
    }
}
