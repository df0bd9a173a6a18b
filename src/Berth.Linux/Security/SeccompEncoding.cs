namespace Berth.Linux.Security;

// OCI seccomp names -> libseccomp values (seccomp.h). Pure, so it is tested directly.
internal static class SeccompEncoding
{
    public const uint EPERM = 1;

    // Kernel errno values stop at MAX_ERRNO; the filter's data field holds 16 bits.
    public const uint MaxErrno = 4095;

    public const uint ActKillProcess = 0x80000000;
    public const uint ActKillThread = 0x00000000;
    public const uint ActTrap = 0x00030000;
    public const uint ActNotify = 0x7fc00000;
    public const uint ActLog = 0x7ffc0000;
    public const uint ActAllow = 0x7fff0000;

    public static uint ActErrno(uint errno) => 0x00050000 | (errno & 0xffff);

    public static uint ActTrace(uint msg) => 0x7ff00000 | (msg & 0xffff);

    public const int MaxArgs = 6;

    public static readonly IReadOnlyCollection<string> Flags =
    [
        "SECCOMP_FILTER_FLAG_TSYNC",
        "SECCOMP_FILTER_FLAG_LOG",
        "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
        "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
    ];

    private static readonly string[] Arches =
    [
        "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
        "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL",
        "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
        "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC",
        "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K",
        "SCMP_ARCH_SH", "SCMP_ARCH_SHEB",
    ];

    /// <summary>The action value for an OCI action name; errnoRet matters only to ERRNO and TRACE.</summary>
    public static uint Action(string name, uint? errnoRet)
    {
        if (errnoRet > MaxErrno)
            throw new LinuxException($"seccomp errnoRet {errnoRet} is out of range (0-{MaxErrno})");
        return name switch
        {
            "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => ActKillThread,
            "SCMP_ACT_KILL_PROCESS" => ActKillProcess,
            "SCMP_ACT_TRAP" => ActTrap,
            "SCMP_ACT_ERRNO" => ActErrno(errnoRet ?? EPERM),
            // As runc: without errnoRet a traced call with no tracer fails with EPERM.
            "SCMP_ACT_TRACE" => ActTrace(errnoRet ?? EPERM),
            "SCMP_ACT_ALLOW" => ActAllow,
            "SCMP_ACT_LOG" => ActLog,
            "SCMP_ACT_NOTIFY" => throw new LinuxException("seccomp notify is not supported yet"),
            _ => throw new LinuxException($"unknown seccomp action \"{name}\""),
        };
    }

    /// <summary>enum scmp_compare.</summary>
    public static int Op(string name) => name switch
    {
        "SCMP_CMP_NE" => 1,
        "SCMP_CMP_LT" => 2,
        "SCMP_CMP_LE" => 3,
        "SCMP_CMP_EQ" => 4,
        "SCMP_CMP_GE" => 5,
        "SCMP_CMP_GT" => 6,
        "SCMP_CMP_MASKED_EQ" => 7,
        _ => throw new LinuxException($"unknown seccomp operator \"{name}\""),
    };

    /// <summary>libseccomp's name for an OCI architecture ("SCMP_ARCH_X86_64" -> "x86_64").</summary>
    public static string Arch(string name) =>
        Array.IndexOf(Arches, name) >= 0
            ? name["SCMP_ARCH_".Length..].ToLowerInvariant()
            : throw new LinuxException($"unknown seccomp architecture \"{name}\"");

    public static void Flag(string name)
    {
        if (!Flags.Contains(name))
            throw new LinuxException($"unknown seccomp flag \"{name}\"");
    }
}
