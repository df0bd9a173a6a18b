using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Infrastructure;

// One OCI runtime driven through runc's command line, with a private state root, its own temp dir,
// unique container ids and cgroup paths; Dispose leaves the host as it found it even after a failure.
public sealed class RuntimeUnderTest : IDisposable
{
    public const string Berth = "berth";
    public const string Runc = "runc";
    public const string IdPrefix = "berth-it-";

    private readonly List<string> _containers = [];
    private readonly List<string> _cgroupsPaths = [];
    private readonly Dictionary<string, RunningCommand> _detached = [];

    public string Name { get; }
    public string Executable { get; }
    public string WorkDir { get; }
    public string StateRoot { get; }
    private readonly string[] _prefix;

    private RuntimeUnderTest(string name, string executable, string[] prefix)
    {
        Name = name;
        Executable = executable;
        WorkDir = Directory.CreateTempSubdirectory(IdPrefix + name + "-").FullName;
        StateRoot = Path.Combine(WorkDir, "state");
        Directory.CreateDirectory(StateRoot);
        _prefix = [.. prefix, "--root", StateRoot];
    }

    public static RuntimeUnderTest For(string name)
    {
        var unavailable = RuntimeCatalog.WhyUnavailable(name);
        Skip.If(unavailable is not null, unavailable);
        HostRequirements.EnsureRoot();
        return name switch
        {
            Berth => new RuntimeUnderTest(Berth, RepoPaths.BerthBinary, ["runtime"]),
            Runc => new RuntimeUnderTest(Runc, RuntimeCatalog.RuncPath ?? throw new InvalidOperationException("runc is not installed"), []),
            _ => throw new ArgumentException($"unknown runtime {name}", nameof(name)),
        };
    }

    public bool IsBerth => Name == Berth;

    public string NewId()
    {
        var id = IdPrefix + Guid.NewGuid().ToString("N")[..12];
        _containers.Add(id);
        return id;
    }

    public string NewCgroupsPath()
    {
        var path = "/" + IdPrefix + Guid.NewGuid().ToString("N")[..12];
        _cgroupsPaths.Add(path);
        return path;
    }

    public Bundle NewBundle(string[] args, Action<RuntimeSpec>? change = null) =>
        Bundle.Create(WorkDir, NewCgroupsPath(), args, change);

    public CommandResult Invoke(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null) =>
        Command.Run(WorkDir, Executable, [.. _prefix, .. args], stdin, timeout);

    public CommandResult Run(Bundle bundle, string id, string? stdin = null) => Invoke(["run", "--bundle", bundle.Dir, id], stdin);

    // `run` in the background, for tests that act on the container while `run` waits for it.
    public RunningCommand StartRun(Bundle bundle, string id) => Command.Start(WorkDir, Executable, [.. _prefix, "run", "--bundle", bundle.Dir, id]);

    public CommandResult Create(Bundle bundle, string id, params string[] options)
    {
        var running = Command.Start(WorkDir, Executable, [.. _prefix, "create", .. options, "--bundle", bundle.Dir, id]);
        _detached[id] = running;
        return running.Wait(Command.DefaultTimeout);
    }

    // `create` in the background, for a caller that must serve the console socket while it runs.
    public RunningCommand StartCreate(Bundle bundle, string id, params string[] options) =>
        Command.Start(WorkDir, Executable, [.. _prefix, "create", .. options, "--bundle", bundle.Dir, id]);

    // What the detached container wrote to the stdout it inherited from `create`.
    public string ContainerStdout(string id) => _detached[id].Read("stdout");

    public CommandResult Start(string id) => Invoke(["start", id]);
    public CommandResult State(string id) => Invoke(["state", id]);
    public CommandResult Kill(string id, string signal = "SIGTERM") => Invoke(["kill", id, signal]);
    public CommandResult Delete(string id, bool force = false) => Invoke(force ? ["delete", "--force", id] : ["delete", id]);
    public CommandResult Exec(string id, params string[] command) => Invoke(["exec", id, .. command]);

    public CommandResult ExecProcess(string id, ProcessSpec process)
    {
        var path = Path.Combine(WorkDir, "process-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(process, OciJsonContext.Default.ProcessSpec));
        return Invoke(["exec", "--process", path, id]);
    }

    public ContainerState StateOf(string id)
    {
        var result = State(id).EnsureSuccess();
        return JsonSerializer.Deserialize(result.Stdout, OciJsonContext.Default.ContainerState)
            ?? throw new Xunit.Sdk.XunitException($"state printed null: {result}");
    }

    public void Dispose()
    {
        foreach (var id in _containers)
        {
            try { Invoke(["delete", "--force", id], timeout: TimeSpan.FromSeconds(30)); } catch (TimeoutException) { }
        }
        foreach (var running in _detached.Values)
            running.Dispose();
        foreach (var path in _cgroupsPaths)
            HostInspection.RemoveCgroup(path);
        HostInspection.UnmountUnder(WorkDir);
        try { Directory.Delete(WorkDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
