using System.Runtime.InteropServices;

namespace Berth.Linux.Security;

// The system libseccomp (libseccomp.so.2). Its calls return a negative errno
// instead of setting errno.
internal static unsafe partial class SeccompNative
{
    public const string Library = "libseccomp.so.2";

    // libseccomp's __NR_SCMP_ERROR: the name resolves on no architecture.
    public const int NrScmpError = -1;

    // enum scmp_filter_attr
    public const int SCMP_FLTATR_CTL_NNP = 3;
    public const int SCMP_FLTATR_CTL_TSYNC = 4;
    public const int SCMP_FLTATR_CTL_LOG = 6;
    public const int SCMP_FLTATR_CTL_SSB = 7;
    public const int SCMP_FLTATR_CTL_OPTIMIZE = 8;
    public const int SCMP_FLTATR_API_SYSRAWRC = 9;

    [StructLayout(LayoutKind.Sequential)]
    public struct ScmpArgCmp
    {
        public uint Arg;
        public int Op;
        public ulong DatumA;
        public ulong DatumB;
    }

    [LibraryImport(Library)]
    public static partial nint seccomp_init(uint defaultAction);

    [LibraryImport(Library)]
    public static partial void seccomp_release(nint ctx);

    [LibraryImport(Library)]
    public static partial int seccomp_attr_set(nint ctx, int attr, uint value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint seccomp_arch_resolve_name(string name);

    [LibraryImport(Library)]
    public static partial int seccomp_arch_add(nint ctx, uint archToken);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int seccomp_syscall_resolve_name(string name);

    [LibraryImport(Library)]
    public static partial int seccomp_rule_add_array(nint ctx, uint action, int syscall, uint argCount, ScmpArgCmp* args);

    [LibraryImport(Library)]
    public static partial int seccomp_load(nint ctx);

    [LibraryImport(Library)]
    public static partial int seccomp_export_pfc(nint ctx, int fd);

    [LibraryImport(Library)]
    public static partial int seccomp_export_bpf(nint ctx, int fd);

    [StructLayout(LayoutKind.Sequential)]
    public struct ScmpVersion
    {
        public uint Major;
        public uint Minor;
        public uint Micro;
    }

    [LibraryImport(Library)]
    public static partial ScmpVersion* seccomp_version();

    [LibraryImport(Library)]
    public static partial uint seccomp_api_get();
}
