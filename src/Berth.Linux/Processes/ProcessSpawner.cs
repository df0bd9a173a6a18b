using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// Starts a program with posix_spawn. glibc implements it with clone(CLONE_VM|CLONE_VFORK), so the child runs
// only libc code until execve: safe from a .NET process with many threads, and from a thread that has just
// unshared namespaces (the child inherits that thread's namespaces, not the process's).
public static unsafe class ProcessSpawner
{
    private const short SetSigDef = 0x04, SetSigMask = 0x08, SetSid = 0x80;

    // fds: (parent fd, child fd) pairs; every other descriptor the child would inherit must be close-on-exec.
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp,
        IReadOnlyList<(int Parent, int Child)> fds, bool newSession)
    {
        var pathBytes = ToCString(path);
        using var args = new CStringArray(argv);
        using var env = new CStringArray(envp);
        // posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 bytes on glibc x86_64; leave room.
        var actions = NativeMemory.AllocZeroed(512);
        var attr = NativeMemory.AllocZeroed(1024);
        try
        {
            Libc.posix_spawn_file_actions_init(actions);
            Libc.posix_spawnattr_init(attr);
            foreach (var (parent, child) in fds)
            {
                Check(Libc.posix_spawn_file_actions_adddup2(actions, parent, child), "posix_spawn_file_actions_adddup2");
            }
            // .NET ignores SIGPIPE and may block signals; a container process must start with defaults.
            ulong all = ulong.MaxValue, none = 0;
            Check(Libc.posix_spawnattr_setsigdefault(attr, &all), "posix_spawnattr_setsigdefault");
            Check(Libc.posix_spawnattr_setsigmask(attr, &none), "posix_spawnattr_setsigmask");
            Check(Libc.posix_spawnattr_setflags(attr, (short)(SetSigDef | SetSigMask | (newSession ? SetSid : 0))), "posix_spawnattr_setflags");
            int pid;
            fixed (byte* p = pathBytes)
            {
                var rc = Libc.posix_spawn(&pid, p, actions, attr, args.Pointer, env.Pointer);
                if (rc != 0) throw new SyscallException($"start {path}", rc);
            }
            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new SyscallException(what, rc);
    }

    public static byte[] ToCString(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}

// A NULL-terminated char** in native memory, for execve and posix_spawn.
public sealed unsafe class CStringArray : IDisposable
{
    public byte** Pointer { get; private set; }
    private readonly int _count;

    public CStringArray(IReadOnlyList<string> items)
    {
        _count = items.Count;
        Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < items.Count; i++)
        {
            var len = Encoding.UTF8.GetByteCount(items[i]);
            var mem = (byte*)NativeMemory.Alloc((nuint)len + 1);
            Encoding.UTF8.GetBytes(items[i], new Span<byte>(mem, len));
            mem[len] = 0;
            Pointer[i] = mem;
        }
    }

    public void Dispose()
    {
        if (Pointer == null) return;
        for (var i = 0; i < _count; i++) NativeMemory.Free(Pointer[i]);
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
