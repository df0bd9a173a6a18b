using System.Text;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Runtime;

public sealed class TerminalTests
{
    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void A_terminal_process_gets_a_pty_handed_over_the_console_socket(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sh", "-c", "tty; [ -t 0 ] && [ -t 1 ] && echo stdio-is-a-tty"], spec => spec.Process!.Terminal = true);
        var id = rt.NewId();
        using var console = new ConsoleSocket(Path.Combine(rt.WorkDir, "console.sock"));

        using var create = rt.StartCreate(bundle, id, "--console-socket", console.Path);
        using var master = console.ReceiveMaster(create, Command.DefaultTimeout);
        create.Wait(Command.DefaultTimeout).EnsureSuccess();
        rt.Start(id).EnsureSuccess();

        var output = ReadUntilHangup(master, Command.DefaultTimeout);
        Assert.Matches(@"^/dev/pts/\d+\r\nstdio-is-a-tty\r\n$", output);
    }

    // The master reads EIO once the last process holding the slave has exited.
    private static string ReadUntilHangup(Microsoft.Win32.SafeHandles.SafeFileHandle master, TimeSpan timeout)
    {
        var text = new StringBuilder();
        var reader = Task.Run(() =>
        {
            using var stream = new FileStream(master, FileAccess.Read, 1, isAsync: false);
            var buffer = new byte[4096];
            try
            {
                for (int n; (n = stream.Read(buffer)) > 0;)
                    text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            catch (IOException) { }
        });
        if (!reader.Wait(timeout))
            throw new TimeoutException($"the terminal never hung up; read so far: {text}");
        return text.ToString();
    }
}
