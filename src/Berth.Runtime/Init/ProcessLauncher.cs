using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Linux.Security;
using Berth.Linux.Terminal;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Init;

// The last steps of init, common to create and exec: the terminal, limits, working directory, identity,
// no_new_privs, seccomp, and execve. Everything that can fail for a user reason happens in Prepare, before
// init reports ready; Launch only drops privileges and execs.
internal sealed class ProcessLauncher(InitConfig config, Action<string> warn)
{
    private readonly ProcessSpec _process = config.Process;
    private byte[]? _path;
    private CStringArray? _argv, _envp;
    private readonly SeccompProgram? _seccomp = config.Seccomp;
    private bool _seccompLoaded;

    public void Prepare()
    {
        if (_process.Terminal) SetUpTerminal();
        foreach (var w in Rlimits.Apply(_process.Rlimits)) warn(w);
        if (_process.OomScoreAdj is { } adj) File.WriteAllText("/proc/self/oom_score_adj", adj.ToString());
        ProcessControl.ChangeDirectory(_process.Cwd);
        var program = ExecutableLookup.Resolve(_process.Args![0], _process.Env);
        _path = ProcessSpawner.ToCString(program);
        _argv = new CStringArray(_process.Args!);
        _envp = new CStringArray(_process.Env ?? []);
    }

    // Without no_new_privs, loading a filter needs CAP_SYS_ADMIN, so it goes in before capabilities are dropped:
    // as runc does, right after init has reported ready and before it waits for `start`, so the kernel's check of
    // the filter (a millisecond for Docker's profile) overlaps the runtime's exit rather than delaying the exec.
    // With no_new_privs it goes in as late as possible, so the filter does not apply to init's own work.
    public void LoadSeccompBeforeStart()
    {
        if (_process.NoNewPrivileges || _seccomp is null) return;
        _seccomp.Load();
        _seccompLoaded = true;
    }

    public void Launch()
    {
        if (!_process.NoNewPrivileges && !_seccompLoaded) _seccomp?.Load();
        ProcessIdentity.Apply(_process.User, _process.Capabilities);
        if (_process.NoNewPrivileges)
        {
            ProcessControl.SetNoNewPrivileges();
            _seccomp?.Load();
        }
        ProcessControl.Exec(_path!, _argv!, _envp!);
    }

    // A new pty from the container's devpts; the master goes to whoever listens on the console socket, the
    // slave becomes our controlling terminal and stdio, and /dev/console.
    private void SetUpTerminal()
    {
        if (config.ConsoleFd < 0) throw new RuntimeException("process.terminal is set but no --console-socket was given");
        var (master, slavePath) = Pty.Open();
        if (_process.ConsoleSize is { Height: > 0, Width: > 0 } size) Pty.Resize(master, (ushort)size.Height, (ushort)size.Width);
        FdPassing.Send(config.ConsoleFd, master, slavePath);
        Fd.Close(master);
        Fd.Close(config.ConsoleFd);
        var slave = Fd.Open(slavePath, OpenFlags.ReadWrite);
        ProcessControl.NewSession();
        Pty.MakeControlling(slave);
        Fd.Dup2(slave, 0);
        Fd.Dup2(slave, 1);
        Fd.Dup2(slave, 2);
        if (config.Mode == InitConfig.CreateMode && Directory.Exists("/dev"))
        {
            if (!File.Exists("/dev/console")) File.WriteAllBytes("/dev/console", []);
            Linux.Mounts.Mounter.Mount(slavePath, "/dev/console", null, MountFlags.Bind, null);
        }
        Fd.Close(slave);
    }
}
