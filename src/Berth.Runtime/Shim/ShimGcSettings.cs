namespace Berth.Runtime.Shim;

// GC settings for the shim alone, passed in its environment (NativeAOT reads DOTNET_GC* variables at start, as
// hexadecimal numbers). A thousand idle shims each keep the pages their gen0 budget touched, so the shim gets a
// 64 KiB budget; the daemon and the runtime processes the shim spawns keep the default.
public static class ShimGcSettings
{
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";
    public const string Gen0SizeHex = "10000";

    public static string EnvironmentEntry => $"{Gen0SizeVariable}={Gen0SizeHex}";

    // The environment a process the shim spawns gets: the shim's own, less its GC settings.
    public static List<string> ChildEnvironment() =>
        [.. Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => (string)e.Key != Gen0SizeVariable).Select(e => $"{e.Key}={e.Value}")];
}
