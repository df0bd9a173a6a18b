using System.Diagnostics;
using System.Text;
using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;
using Berth.Runtime;
using Berth.Runtime.Logs;
using Berth.Runtime.Shim;

namespace Berth.IntegrationTests.Shim;

public sealed class ShimTests
{
    private const long MiB = 1024 * 1024;

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public async Task Attach_then_start_streams_output_and_the_exit_is_recorded_and_logged(string runtime)
    {
        using var bed = new ShimTestBed(runtime);
        var bundle = bed.NewBundle(["sh", "-c", "echo out; echo err >&2; exit 3"]);
        var options = bed.Options(bundle);
        var handle = await bed.LaunchAsync(options);
        Assert.True(handle.ContainerPid > 0);
        var client = new ShimClient(options.SocketPath, options.ExitFilePath);
        Assert.Equal("created", (await client.StateAsync()).Status);

        await using var attach = await client.AttachAsync(stdin: false, stdout: true, stderr: true);
        await client.StartAsync();
        var (stdout, stderr, _) = await ShimTestBed.ReadToEndAsync(attach);
        var exit = await client.WaitAsync();

        Assert.Equal("out\n", stdout);
        Assert.Equal("err\n", stderr);
        Assert.Equal(3, exit.ExitCode);
        Assert.False(exit.OOMKilled);
        Assert.Equal(exit, ExitFile.Read(options.ExitFilePath));
        Assert.Equal(0, await handle.ShimExited.WaitAsync(Command.DefaultTimeout));
        Assert.False(File.Exists(options.SocketPath));
        var logged = new List<LogEntry>();
        await foreach (var e in JsonFileLogReader.ReadAsync(options.LogPath!, new LogReadOptions())) logged.Add(e);
        Assert.Equal(["stderr:err\n", "stdout:out\n"], logged.Select(e => $"{e.Stream}:{e.Log}").Order());
        Assert.NotEqual(0, bed.Runtime.State(options.Id).ExitCode); // the shim had the runtime delete it
    }

    [SkippableFact]
    public async Task Stdin_from_an_attached_client_reaches_cat_and_eof_closes_it()
    {
        using var bed = new ShimTestBed();
        var options = bed.Options(bed.NewBundle(["cat"]), stdin: true, stdinOnce: true);
        await bed.LaunchAsync(options);
        var client = new ShimClient(options.SocketPath, options.ExitFilePath);
        await using var attach = await client.AttachAsync(stdin: true, stdout: true, stderr: true);
        await client.StartAsync();
        await attach.WriteAsync("hello through the shim\n"u8.ToArray());
        attach.ShutdownInput();
        var (stdout, _, _) = await ShimTestBed.ReadToEndAsync(attach);
        Assert.Equal("hello through the shim\n", stdout);
        Assert.Equal(0, (await client.WaitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task A_terminal_container_is_resized()
    {
        using var bed = new ShimTestBed();
        var bundle = bed.NewBundle(["sh", "-c", "read line; stty size"], spec => spec.Process!.Terminal = true);
        var options = bed.Options(bundle, tty: true, stdin: true);
        await bed.LaunchAsync(options);
        var client = new ShimClient(options.SocketPath, options.ExitFilePath);
        await using var attach = await client.AttachAsync(stdin: true, stdout: true, stderr: true);
        await client.StartAsync();
        await client.ResizeAsync(33, 77);
        await attach.WriteAsync("go\n"u8.ToArray());
        var (stdout, stderr, _) = await ShimTestBed.ReadToEndAsync(attach);
        Assert.Contains("33 77\r\n", stdout);
        Assert.Equal("", stderr);
        Assert.Equal(0, (await client.WaitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task An_oom_kill_is_reported_as_137_and_OOMKilled()
    {
        using var bed = new ShimTestBed();
        var bundle = bed.NewBundle(["sh", "-c", "x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done"],
            spec => spec.Linux!.Resources!.Memory = new MemorySpec { Limit = 32 * MiB, Swap = 32 * MiB });
        var options = bed.Options(bundle);
        await bed.LaunchAsync(options);
        var client = new ShimClient(options.SocketPath, options.ExitFilePath);
        await client.StartAsync();
        var exit = await client.WaitAsync().WaitAsync(Command.DefaultTimeout);
        Assert.Equal(137, exit.ExitCode);
        Assert.True(exit.OOMKilled);
        Assert.Equal(exit, ExitFile.Read(options.ExitFilePath));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public async Task Exec_streams_output_and_its_exit_code_then_kill_stops_the_container(string runtime)
    {
        using var bed = new ShimTestBed(runtime);
        var bundle = bed.NewBundle(["cat"]);
        var options = bed.Options(bundle, stdin: true);
        await bed.LaunchAsync(options);
        var client = new ShimClient(options.SocketPath, options.ExitFilePath);
        await client.StartAsync();
        Assert.Equal("running", (await client.StateAsync()).Status);

        var (pid, stream) = await client.ExecAsync("e1", ShimTestBed.ProcessJson(bundle, ["sh", "-c", "echo in-exec; echo oops >&2; exit 5"]), tty: false, stdin: false, detach: false);
        await using (stream)
        {
            Assert.True(pid > 0);
            var (stdout, stderr, code) = await ShimTestBed.ReadToEndAsync(stream);
            Assert.Equal("in-exec\n", stdout);
            Assert.Equal("oops\n", stderr);
            Assert.Equal(5, code);
        }

        var (_, tty) = await client.ExecAsync("e2", ShimTestBed.ProcessJson(bundle, ["sh", "-c", "read line; stty size"], terminal: true), tty: true, stdin: true, detach: false);
        await using (tty)
        {
            await client.ResizeAsync(12, 34, "e2");
            await tty.WriteAsync("go\n"u8.ToArray());
            var (stdout, _, code) = await ShimTestBed.ReadToEndAsync(tty);
            Assert.Contains("12 34\r\n", stdout);
            Assert.Equal(0, code);
        }

        var bad = await Assert.ThrowsAsync<RuntimeException>(() => client.ExecAsync("e3", ShimTestBed.ProcessJson(bundle, ["/no/such/program"]), false, false, false));
        Assert.Contains("/no/such/program", bad.Message);

        await client.KillAsync(9);
        var exit = await client.WaitAsync();
        Assert.Equal(137, exit.ExitCode);
        Assert.False(exit.OOMKilled);
    }

    [SkippableFact]
    public async Task A_bad_bundle_is_one_error_line_and_leaves_no_socket()
    {
        using var bed = new ShimTestBed();
        var options = bed.Options(bed.NewBundle(["/no/such/program"]));
        var e = await Assert.ThrowsAsync<RuntimeException>(() => bed.LaunchAsync(options));
        Assert.Contains("/no/such/program", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.False(File.Exists(options.SocketPath));
        Assert.NotEqual(0, bed.Runtime.State(options.Id).ExitCode);
    }

    [SkippableFact]
    public async Task The_shim_outlives_a_sigkilled_daemon_and_a_new_client_reconnects()
    {
        using var bed = new ShimTestBed();
        var bundle = bed.NewBundle(["sh", "-c", "echo first; read line; echo \"got $line\""]);
        var options = bed.Options(bundle, stdin: true, stdinOnce: true);
        // The "daemon" is one process: bash that starts the shim, reads its line, then idles.
        var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true };
        foreach (var a in (string[])["-c", "exec 3< <(exec setsid \"$0\" \"$@\"); IFS= read -r line <&3; echo \"$line\"; exec tail -f /dev/null", RepoPaths.BerthBinary, .. options.ToArguments()])
            psi.ArgumentList.Add(a);
        using var daemon = Process.Start(psi)!;
        var ready = await daemon.StandardOutput.ReadLineAsync().WaitAsync(Command.DefaultTimeout);
        Assert.StartsWith("ready ", ready);
        var shimPid = ShimPidOf(daemon.Id);
        bed.Track(shimPid);

        var client = new ShimClient(options.SocketPath, options.ExitFilePath);
        await using (var attach = await client.AttachAsync(stdin: false, stdout: true, stderr: false))
        {
            await client.StartAsync();
            var frame = await StreamFrames.ReadAsync(attach);
            Assert.Equal("first\n", Encoding.UTF8.GetString(frame!.Value.Payload));
        }
        daemon.Kill();
        await daemon.WaitForExitAsync();
        Assert.True(HostInspection.ProcessAlive(shimPid));

        var again = new ShimClient(options.SocketPath, options.ExitFilePath);
        Assert.Equal("running", (await again.StateAsync()).Status);
        await using var attach2 = await again.AttachAsync(stdin: true, stdout: true, stderr: true);
        await attach2.WriteAsync("after\n"u8.ToArray());
        attach2.ShutdownInput();
        var (stdout, _, _) = await ShimTestBed.ReadToEndAsync(attach2);
        Assert.Equal("got after\n", stdout);
        Assert.Equal(0, (await again.WaitAsync()).ExitCode);
        var logged = File.ReadAllText(options.LogPath!);
        Assert.Contains("first\\n", logged);
        Assert.Contains("got after\\n", logged);
    }

    // The shim is the daemon's only child.
    private static int ShimPidOf(int parent)
    {
        var children = File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children));
    }
}
