using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Security;

// A seccomp filter as the kernel takes it: classic BPF instructions and SECCOMP_FILTER_FLAG_* bits. Loading it
// is one seccomp(2) call, with no libseccomp and no allocation, so init can do it in the last moment before execve.
public sealed unsafe class SeccompProgram
{
    private const int SeccompSetModeFilter = 1;
    private const int EACCES = 13;
    public const uint FlagTsync = 1, FlagLog = 2, FlagSpecAllow = 4;

    public SeccompProgram(byte[] instructions, uint flags)
    {
        if (instructions.Length == 0 || instructions.Length % 8 != 0 || instructions.Length / 8 > ushort.MaxValue)
            throw new LinuxException($"seccomp: a BPF program of {instructions.Length} bytes is not whole 8-byte instructions");
        Instructions = instructions;
        Flags = flags;
    }

    public byte[] Instructions { get; }
    public uint Flags { get; }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFprog
    {
        public ushort Length;
        public byte* Filter;
    }

    public void Load()
    {
        fixed (byte* filter = Instructions)
        {
            var prog = new SockFprog { Length = (ushort)(Instructions.Length / 8), Filter = filter };
            var rc = Libc.syscall(SyscallNumber, SeccompSetModeFilter, (nint)Flags, (nint)(&prog), 0, 0);
            if (rc >= 0) return;
            var errno = Marshal.GetLastPInvokeError();
            throw new SyscallException(errno == EACCES
                ? "load seccomp filter (needs CAP_SYS_ADMIN or noNewPrivileges: load it before dropping capabilities)"
                : "load seccomp filter", errno);
        }
    }

    private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 317,
        Architecture.Arm64 => 277,
        var other => throw new LinuxException($"seccomp: no syscall number known for {other}"),
    };

    public static uint FlagsOf(IEnumerable<string>? specFlags)
    {
        uint flags = 0;
        foreach (var flag in specFlags ?? [])
        {
            flags |= flag switch
            {
                "SECCOMP_FILTER_FLAG_TSYNC" => FlagTsync,
                "SECCOMP_FILTER_FLAG_LOG" => FlagLog,
                "SECCOMP_FILTER_FLAG_SPEC_ALLOW" => FlagSpecAllow,
                _ => 0u,
            };
        }
        return flags;
    }
}
