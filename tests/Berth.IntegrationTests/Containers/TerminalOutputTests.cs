using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// On a terminal the berth CLI prints what docker prints and nothing else: .NET's console set-up used to send
// keypad-mode escapes (ESC[?1h ESC=) before the first line, which switch how the user's terminal sends keys.
public sealed class TerminalOutputTests
{
    [SkippableFact]
    public void Berth_on_a_terminal_writes_no_escape_sequences()
    {
        using var e = new ContainerEngine();
        var berth = $"{RepoPaths.BerthBinary} -H {e.Daemon.Host}";
        string OnTerminal(string command) =>
            Command.Run(e.Daemon.Dir, "/bin/sh", ["-c", $"script -qc '{command}' /dev/null"]).Stdout;

        Assert.Equal("Berth version 0.1.0\r\n", OnTerminal($"{RepoPaths.BerthBinary} --version"));
        Assert.Equal("hi\r\n", OnTerminal($"{berth} run --rm --network none busybox echo hi"));
        Assert.StartsWith("CONTAINER ID", OnTerminal($"{berth} ps"));
        Assert.Equal("berth: unknown command: berth nosuch\r\n\r\nRun 'berth --help' for more information\r\n", OnTerminal($"{berth} nosuch"));
    }
}
