namespace Berth.Runtime.Shim;

// Memory settings for the shim alone, passed in its environment. NativeAOT reads DOTNET_GC* variables at start, as
// hexadecimal numbers: a thousand idle shims each keep the pages their gen0 budget touched, so the shim gets a
// 64 KiB budget. glibc gives each thread that mallocs an arena of its own; the shim's few mostly idle threads share
// one. The daemon and the runtime processes the shim spawns keep the defaults.
public static class ShimGcSettings
{
    private static readonly string[] Variables = ["DOTNET_GCgen0size", "MALLOC_ARENA_MAX"];

    public static IReadOnlyList<string> Environment => ["DOTNET_GCgen0size=10000", "MALLOC_ARENA_MAX=1"];

    // The shim's environment: the daemon's, with these settings in place of any the daemon has (its own gen0 budget).
    public static List<string> ShimEnvironment(IEnumerable<string> daemonEnvironment) =>
        [.. daemonEnvironment.Where(e => !Variables.Contains(e.IndexOf('=') is var eq and >= 0 ? e[..eq] : e)), .. Environment];

    // The environment a process the shim spawns gets: the shim's own, less these settings. Read from
    // /proc/self/environ rather than Environment.GetEnvironmentVariables, which keeps a copy for the life of the
    // process.
    public static List<string> ChildEnvironment()
    {
        var env = new List<string>();
        foreach (var entry in File.ReadAllText("/proc/self/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.IndexOf('=');
            if (!Variables.Contains(eq < 0 ? entry : entry[..eq])) env.Add(entry);
        }
        return env;
    }
}
