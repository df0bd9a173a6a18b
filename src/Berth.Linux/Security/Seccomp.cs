using System.Runtime.InteropServices;
using Berth.Oci.Runtime;

namespace Berth.Linux.Security;

// linux.seccomp: validation and loading through the system libseccomp.
public static class Seccomp
{
    private static readonly Lazy<bool> AvailableValue = new(Probe);

    /// <summary>libseccomp.so.2 can be loaded and reports kernel seccomp filter support.</summary>
    public static bool Available => AvailableValue.Value;

    public static void Validate(SeccompSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!string.IsNullOrEmpty(spec.ListenerPath))
            throw new LinuxException("seccomp notify is not supported yet");
        SeccompEncoding.Action(spec.DefaultAction, spec.DefaultErrnoRet);
        foreach (var arch in spec.Architectures ?? [])
            SeccompEncoding.Arch(arch);
        foreach (var flag in spec.Flags ?? [])
            SeccompEncoding.Flag(flag);
        foreach (var syscall in spec.Syscalls ?? [])
        {
            if (syscall.Names is not { Count: > 0 })
                throw new LinuxException($"seccomp rule with action {syscall.Action} names no syscalls");
            SeccompEncoding.Action(syscall.Action, syscall.ErrnoRet);
            foreach (var arg in syscall.Args ?? [])
            {
                if (arg.Index >= SeccompEncoding.MaxArgs)
                    throw new LinuxException(
                        $"seccomp rule for {syscall.Names[0]}: argument index {arg.Index} is out of range (0-{SeccompEncoding.MaxArgs - 1})");
                SeccompEncoding.Op(arg.Op);
            }
        }
    }

    /// <summary>
    /// Compiles the spec and loads it into the calling thread (all threads with
    /// SECCOMP_FILTER_FLAG_TSYNC). Does not set no_new_privs: without it the caller
    /// needs CAP_SYS_ADMIN, so load before dropping capabilities or set it first.
    /// </summary>
    public static void Load(SeccompSpec spec)
    {
        RequireAvailable();
        using var filter = SeccompFilter.Compile(spec);
        filter.Load();
    }

    /// <summary>
    /// Compiles without loading, so a container's init can compile while the host's libseccomp is still
    /// reachable and load after pivot_root.
    /// </summary>
    public static SeccompFilter Compile(SeccompSpec spec)
    {
        RequireAvailable();
        return SeccompFilter.Compile(spec);
    }

    /// <summary>The compiled filter in libseccomp's readable PFC form; loads nothing.</summary>
    internal static string ExportPfc(SeccompSpec spec)
    {
        RequireAvailable();
        using var filter = SeccompFilter.Compile(spec);
        var path = Path.Combine(Path.GetTempPath(), $"berth-seccomp-{Guid.NewGuid():N}.pfc");
        try
        {
            using (var file = File.Create(path))
            {
                filter.ExportPfc((int)file.SafeFileHandle.DangerousGetHandle());
            }
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static void RequireAvailable()
    {
        if (!Available)
            throw new LinuxException("seccomp is not available: libseccomp.so.2 is not installed or the kernel lacks seccomp filters");
    }

    private static bool Probe()
    {
        // The handle stays open: freeing it would unload the library only for the first call to load it again.
        if (!NativeLibrary.TryLoad(SeccompNative.Library, out _))
            return false;
        // API level 0 means libseccomp found no seccomp filter support in the kernel.
        return SeccompNative.seccomp_api_get() >= 1;
    }
}
