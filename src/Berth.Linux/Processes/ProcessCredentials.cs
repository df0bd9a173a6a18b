using System.Runtime.InteropServices;

namespace Berth.Linux.Processes;

// The calling process's effective user and group: the owner files it creates get.
public static partial class ProcessCredentials
{
    public static int EffectiveUid => (int)geteuid();
    public static int EffectiveGid => (int)getegid();

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc")]
    private static partial uint getegid();
}
