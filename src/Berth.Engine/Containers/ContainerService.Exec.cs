using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Oci;
using Berth.Oci.Runtime;
using Berth.Runtime;
using Berth.Runtime.Shim;

namespace Berth.Engine.Containers;

// One exec instance: created, started once, ended with an exit code.
public sealed class ExecInstance(string id, string containerId, ExecConfig config)
{
    public string Id { get; } = id;
    public string ContainerId { get; } = containerId;
    public ExecConfig Config { get; } = config;
    public bool Started { get; set; }
    public bool Running { get; set; }
    public int? ExitCode { get; set; }
    public int Pid { get; set; }
    public string CommandText => string.Join(' ', Config.Cmd ?? []);
}

// docker exec: processes the shim starts inside a running container.
public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, ExecInstance> _execs = new();

    public string CreateExec(string reference, ExecConfig config)
    {
        var c = Find(reference);
        if (c.Record.Status == "paused") throw ContainerException.Conflict($"Container {c.Id} is paused, unpause the container before exec");
        if (!c.Record.IsRunning || c.Shim is null) throw ContainerException.Conflict($"container {c.Id} is not running");
        if (config.Cmd is not { Count: > 0 } || config.Cmd[0] == "") throw new ContainerException(400, "No exec command specified");
        var exec = new ExecInstance(ContainerIds.New(), c.Id, config);
        _execs[exec.Id] = exec;
        Publish(c, "exec_create: " + exec.CommandText, new Dictionary<string, string> { ["execID"] = exec.Id });
        return exec.Id;
    }

    public ExecInstance FindExec(string id) =>
        _execs.TryGetValue(id, out var e) ? e : throw new ContainerException(404, $"No such exec instance: {id}");

    // Starts the process; the stream carries its output frames and ends with its status frame. A detached exec's
    // stream is drained here, so its exit code is still recorded.
    public async Task<ShimStream?> StartExecAsync(string id, bool detach, CancellationToken ct)
    {
        var exec = FindExec(id);
        var c = Find(exec.ContainerId);
        lock (exec)
        {
            if (exec.Started) throw ContainerException.Conflict(exec.Running ? $"Exec command {id} is already running" : $"Exec command {id} has already run");
            exec.Started = true;
        }
        var shim = c.Shim ?? throw ContainerException.Conflict($"container {c.Id} is not running");
        ShimStream stream;
        int pid;
        try
        {
            var process = ExecProcess(c, exec.Config);
            (pid, stream) = await shim.ExecAsync(exec.Id, JsonSerializer.Serialize(process, OciJsonContext.Default.ProcessSpec),
                exec.Config.Tty, stdin: !detach && exec.Config.AttachStdin, detach: false, ct);
        }
        catch (Exception e) when (e is RuntimeException or ContainerSpecException or IOException)
        {
            exec.ExitCode = 126;
            var message = e.Message;
            throw new ContainerException(message.Contains("not found", StringComparison.Ordinal) || message.Contains("no such file", StringComparison.OrdinalIgnoreCase) ? 404 : 500, message);
        }
        exec.Pid = pid;
        exec.Running = true;
        Publish(c, "exec_start: " + exec.CommandText, new Dictionary<string, string> { ["execID"] = exec.Id });
        if (!detach) return stream;
        _ = Task.Run(async () =>
        {
            await using (stream)
            {
                int? code = null;
                try
                {
                    while (await StreamFrames.ReadAsync(stream) is { } frame)
                        if (frame.Stream == StreamFrames.Status) code = ShimClient.ParseExecExit(frame.Payload);
                }
                catch (Exception e) when (e is IOException or RuntimeException) { }
                ExecEnded(exec, code ?? 126);
            }
        });
        return null;
    }

    public void ExecEnded(ExecInstance exec, int exitCode)
    {
        lock (exec)
        {
            if (!exec.Running) return;
            exec.Running = false;
            exec.ExitCode = exitCode;
        }
        if (_byId.TryGetValue(exec.ContainerId, out var c))
            Publish(c, "exec_die", new Dictionary<string, string> { ["execID"] = exec.Id, ["exitCode"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public async Task ResizeExecAsync(string id, int height, int width, CancellationToken ct)
    {
        var exec = FindExec(id);
        var c = Find(exec.ContainerId);
        var shim = c.Shim ?? throw ContainerException.Conflict($"container {c.Id} is not running");
        try { await shim.ResizeAsync(height, width, id, ct); }
        catch (RuntimeException e) { throw new ContainerException(400, e.Message); }
    }

    public ExecInspect InspectExec(string id)
    {
        var e = FindExec(id);
        var args = e.Config.Cmd ?? [];
        return new ExecInspect
        {
            ID = e.Id,
            Running = e.Running,
            ExitCode = e.ExitCode,
            ProcessConfig = new ExecProcessConfig
            {
                privileged = e.Config.Privileged,
                user = e.Config.User ?? "",
                tty = e.Config.Tty,
                entrypoint = args.FirstOrDefault() ?? "",
                arguments = args.Skip(1).ToList(),
            },
            OpenStdin = e.Config.AttachStdin,
            OpenStdout = e.Config.AttachStdout,
            OpenStderr = e.Config.AttachStderr,
            CanRemove = false,
            ContainerID = e.ContainerId,
            DetachKeys = e.Config.DetachKeys ?? "",
            Pid = e.Pid,
        };
    }

    private List<string> ExecIdsOf(string containerId) =>
        _execs.Values.Where(e => e.ContainerId == containerId).Select(e => e.Id).ToList();

    private void RemoveExecsOf(string containerId)
    {
        foreach (var e in _execs.Values.Where(e => e.ContainerId == containerId).ToList()) _execs.TryRemove(e.Id, out _);
    }

    // The container's own process settings (capabilities, rlimits, environment), with the exec's command,
    // environment, user, working directory and terminal.
    private static ProcessSpec ExecProcess(Container c, ExecConfig config)
    {
        var spec = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(c.Dir, "config.json")), OciJsonContext.Default.RuntimeSpec)
            ?? throw new ContainerException(500, "the container's config.json is empty");
        var process = spec.Process ?? new ProcessSpec();
        process.Args = config.Cmd;
        process.Terminal = config.Tty;
        process.ConsoleSize = config.ConsoleSize is [var h, var w] && h > 0 && w > 0 ? new ConsoleSize { Height = h, Width = w } : null;
        var env = process.Env ?? [];
        foreach (var e in config.Env ?? [])
        {
            var key = e.Split('=', 2)[0];
            env.RemoveAll(x => x.Split('=', 2)[0] == key);
            if (e.Contains('=')) env.Add(e);
        }
        process.Env = env;
        if (!string.IsNullOrEmpty(config.WorkingDir))
        {
            if (!config.WorkingDir.StartsWith('/')) throw new ContainerException(400, $"the working directory '{config.WorkingDir}' is invalid, it needs to be an absolute path");
            process.Cwd = config.WorkingDir;
        }
        if (!string.IsNullOrEmpty(config.User))
            process.User = UserResolver.Resolve(RootfsMount.RootfsOf(c.Dir), config.User, c.Record.HostConfig.GroupAdd).User;
        if (config.Privileged) process.Capabilities = ContainerCapabilities.ToSpec(ContainerCapabilities.Compute(null, null, privileged: true));
        return process;
    }
}
