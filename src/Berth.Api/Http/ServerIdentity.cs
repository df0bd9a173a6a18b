using System.Reflection;

namespace Berth.Api.Http;

// The version strings the daemon reports in headers and in /version.
public static class ServerIdentity
{
    public static readonly string Version =
        typeof(ServerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    // Docker clients read the product and OS from this header ("Docker/28.2.2 (linux)").
    public static readonly string ServerHeader = $"Berth/{Version} (linux)";

    public static readonly string GitCommit =
        typeof(ServerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v && v.IndexOf('+') is var plus and > 0
            ? v[(plus + 1)..] : "unknown";
}
