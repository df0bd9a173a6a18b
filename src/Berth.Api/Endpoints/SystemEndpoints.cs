using System.Diagnostics;
using System.Globalization;
using Berth.Api.Http;
using Berth.Api.Models;
using Berth.Engine;

namespace Berth.Api.Endpoints;

// /_ping, /version and /info.
public sealed class SystemEndpoints(DaemonEngine engine)
{
    public void Register(RouteTable routes)
    {
        routes.MapGetAndHead("/_ping", Ping);
        routes.Map("GET", "/version", Version);
        routes.Map("GET", "/info", Info);
    }

    private static async Task Ping(RequestContext request)
    {
        var response = request.Http.Response;
        response.Headers["Builder-Version"] = "1";
        response.Headers["Swarm"] = "inactive";
        response.Headers["Cache-Control"] = "no-cache, no-store, must-revalidate";
        response.Headers["Pragma"] = "no-cache";
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = 2;
        if (request.Http.Request.Method != "HEAD")
            await response.Body.WriteAsync("OK"u8.ToArray(), request.Aborted);
    }

    private Task Version(RequestContext request)
    {
        var host = engine.Host;
        var dotnet = Environment.Version.ToString();
        var body = new SystemVersion
        {
            Platform = new PlatformName { Name = "Berth Engine" },
            Components =
            [
                new ComponentVersion
                {
                    Name = "Engine",
                    Version = ServerIdentity.Version,
                    Details = new Dictionary<string, string>
                    {
                        ["ApiVersion"] = ApiVersion.Max.ToString(),
                        ["MinAPIVersion"] = ApiVersion.Min.ToString(),
                        ["GitCommit"] = ServerIdentity.GitCommit,
                        ["GoVersion"] = ".NET " + dotnet,
                        ["Os"] = "linux",
                        ["Arch"] = host.GoArch,
                        ["KernelVersion"] = host.KernelVersion,
                        ["Experimental"] = "false",
                        ["BuildTime"] = BuildTime,
                    },
                },
            ],
            Version = ServerIdentity.Version,
            ApiVersion = ApiVersion.Max.ToString(),
            MinApiVersion = ApiVersion.Min.ToString(),
            GitCommit = ServerIdentity.GitCommit,
            // Docker names its toolchain here; Berth's is .NET.
            GoVersion = ".NET " + dotnet,
            Os = "linux",
            Arch = host.GoArch,
            KernelVersion = host.KernelVersion,
            BuildTime = BuildTime,
        };
        return ApiResponses.WriteJson(request.Http, 200, body, ApiJson.Context.SystemVersion);
    }

    // The executable's modification time is when it was built (publish writes it last).
    private static readonly string BuildTime = ReadBuildTime();

    private static string ReadBuildTime()
    {
        try
        {
            return Environment.ProcessPath is { } exe
                ? File.GetLastWriteTimeUtc(exe).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)
                : "";
        }
        catch (IOException) { return ""; }
    }

    private Task Info(RequestContext request)
    {
        var o = engine.Options;
        var host = engine.Host;
        var containers = engine.Containers;
        var runtimePath = Environment.ProcessPath ?? "berth";
        var security = new List<string>();
        if (host.Seccomp) security.Add("name=seccomp,profile=builtin");
        if (host.CgroupVersion == "2") security.Add("name=cgroupns");

        var body = new SystemInfo
        {
            ID = engine.Id,
            Containers = containers.Total,
            ContainersRunning = containers.Running,
            ContainersPaused = containers.Paused,
            ContainersStopped = containers.Stopped,
            Images = engine.ImageCount,
            Driver = "overlay2",
            DriverStatus = [["Backing Filesystem", BackingFilesystem(o.DataRoot)]],
            DockerRootDir = o.DataRoot,
            Plugins = new PluginsInfo
            {
                Volume = ["local"],
                Network = ["bridge", "host", "null"],
                Log = ["json-file"],
            },
            MemoryLimit = true,
            SwapLimit = true,
            CpuCfsPeriod = true,
            CpuCfsQuota = true,
            CPUShares = true,
            CPUSet = true,
            PidsLimit = true,
            IPv4Forwarding = ReadTrim("/proc/sys/net/ipv4/ip_forward") == "1",
            Debug = o.Debug,
            NFd = CountEntries("/proc/self/fd"),
            NGoroutines = CountEntries("/proc/self/task"),
            SystemTime = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
            LoggingDriver = "json-file",
            CgroupDriver = "cgroupfs",
            CgroupVersion = host.CgroupVersion,
            NEventsListener = engine.Events.ListenerCount,
            KernelVersion = host.KernelVersion,
            OperatingSystem = host.OperatingSystem,
            OSVersion = host.OsVersion,
            OSType = "linux",
            Architecture = host.Architecture,
            NCPU = host.Cpus,
            MemTotal = host.MemTotal,
            IndexServerAddress = "https://index.docker.io/v1/",
            RegistryConfig = new RegistryServiceConfig
            {
                InsecureRegistryCIDRs = ["::1/128", "127.0.0.0/8", .. o.InsecureRegistries],
                IndexConfigs = new Dictionary<string, IndexInfo>
                {
                    ["docker.io"] = new() { Name = "docker.io", Mirrors = [.. o.RegistryMirrors], Secure = true, Official = true },
                },
                Mirrors = [.. o.RegistryMirrors],
            },
            HttpProxy = Environment.GetEnvironmentVariable("HTTP_PROXY") ?? "",
            HttpsProxy = Environment.GetEnvironmentVariable("HTTPS_PROXY") ?? "",
            NoProxy = Environment.GetEnvironmentVariable("NO_PROXY") ?? "",
            Name = host.Hostname,
            ServerVersion = ServerIdentity.Version,
            Runtimes = new Dictionary<string, RuntimeDescription>
            {
                ["berth"] = new() { Path = runtimePath, RuntimeArgs = ["runtime"] },
            },
            DefaultRuntime = "berth",
            LiveRestoreEnabled = o.LiveRestore,
            Isolation = "",
            InitBinary = "berth",
            SecurityOptions = security,
        };
        return ApiResponses.WriteJson(request.Http, 200, body, ApiJson.Context.SystemInfo);
    }

    private static string BackingFilesystem(string path)
    {
        try
        {
            var drive = new DriveInfo(path);
            return drive.DriveFormat;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static int CountEntries(string dir)
    {
        try { return Directory.EnumerateFileSystemEntries(dir).Count(); }
        catch (IOException) { return 0; }
    }

    private static string ReadTrim(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (IOException) { return ""; }
    }
}
