using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Daemon;

// One `berth daemon` with its own data root, exec root and socket under a temp dir, killed and removed on Dispose
// even when a test failed.
public sealed class DaemonProcess : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);
    private readonly RunningCommand _process;

    public string Dir { get; }
    public string DataRoot => Path.Combine(Dir, "data");
    public string ExecRoot => Path.Combine(Dir, "exec");
    public string Socket => Path.Combine(Dir, "berth.sock");
    public string Host => "unix://" + Socket;
    public int Pid => _process.Pid;

    private readonly bool _ownsDir;

    // The default bridge this daemon was given; a restarted daemon (dir given) keeps its predecessor's.
    public DaemonNetwork? Network { get; }

    // dir: the directory of an earlier daemon to start again on (its data, exec root and socket); that daemon's
    // owner removes it.
    public DaemonProcess(string? dir = null)
    {
        HostRequirements.EnsureRoot();
        _ownsDir = dir is null;
        Dir = dir ?? Directory.CreateTempSubdirectory("berth-daemon-it-").FullName;
        // A daemon.json of its own, so a /etc/berth/daemon.json on the machine cannot change the test, naming a
        // default bridge no other daemon uses.
        var config = Path.Combine(Dir, "daemon.json");
        if (_ownsDir)
        {
            Network = DaemonNetwork.Create();
            File.WriteAllText(config, Network.DaemonJson);
        }
        _process = Command.Start(Dir, RepoPaths.BerthBinary,
            ["daemon", "--data-root", DataRoot, "--exec-root", ExecRoot, "-H", Host, "--config-file", config]);
        try
        {
            WaitUntilAnswering();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Log => _process.Read("stderr") + _process.Read("stdout");

    // Polls the socket until /_ping answers or the deadline passes; no fixed sleeps.
    private void WaitUntilAnswering()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"berth daemon exited before answering:\n{Log}");
            if (TryPing()) return;
            if (clock.Elapsed > StartDeadline)
                throw new TimeoutException($"berth daemon did not answer /_ping within {StartDeadline.TotalSeconds}s:\n{Log}");
            Thread.Yield();
        }
    }

    private bool TryPing()
    {
        try
        {
            return Raw("GET /_ping HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n").Contains("\r\n\r\nOK", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Sends one raw HTTP request on the socket and returns the whole response (the request must ask to close).
    public string Raw(string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = 10_000;
        socket.Connect(new UnixDomainSocketEndPoint(Socket));
        socket.Send(Encoding.ASCII.GetBytes(request));
        var response = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = socket.Receive(buffer)) > 0)
            response.Append(Encoding.UTF8.GetString(buffer, 0, n));
        return response.ToString();
    }

    public string Get(string path) => Raw($"GET {path} HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n");

    // Runs a client (docker or berth) against this daemon with a private docker config directory.
    public CommandResult Client(string executable, params string[] args)
    {
        var dockerConfig = Path.Combine(Dir, "docker-config");
        Directory.CreateDirectory(dockerConfig);
        return Command.Run(Dir, "/usr/bin/env",
            ["DOCKER_HOST=" + Host, "DOCKER_CONFIG=" + dockerConfig, "BERTH_HOST=", executable, .. args],
            timeout: TimeSpan.FromSeconds(30));
    }

    // SIGKILL, as a crash would end it; returns once it has gone.
    // Only the daemon: its children (the shims) must live on, as they do when a daemon crashes.
    public void Kill()
    {
        System.Diagnostics.Process.Start("/bin/kill", ["-KILL", _process.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        _process.Exited.Wait(TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        _process.Dispose();
        if (!_ownsDir) return;
        Network?.Remove(DataRoot);
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
