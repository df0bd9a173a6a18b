using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Berth.Linux.Native;

// Process-lifetime C strings for raw syscall arguments.
internal static class CStrings
{
    private static readonly ConcurrentDictionary<string, nint> Cache = new();

    public static nint Intern(string s) => Cache.GetOrAdd(s, static v => Marshal.StringToCoTaskMemUTF8(v));
}
