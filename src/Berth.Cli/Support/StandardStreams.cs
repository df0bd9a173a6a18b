using System.Text;
using Berth.Linux.Terminal;
using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Support;

// Byte streams for a container's output and input. On the real console these are the file descriptors themselves
// (a container's output is bytes, not text); under test they write into the context's TextWriters.
public static class StandardStreams
{
    public static Stream Out(CliContext context) =>
        ReferenceEquals(context.Out, Console.Out) ? new FdOutputStream(1) : new TextWriterStream(context.Out);

    public static Stream Err(CliContext context) =>
        ReferenceEquals(context.Err, Console.Error) ? new FdOutputStream(2) : new TextWriterStream(context.Err);

    // fd 0 read directly: Console's own stdin stream does line editing when it is a terminal, which raw mode must not.
    public static Stream In() => new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 0, isAsync: false);

    public static bool InIsTerminal() => Berth.Linux.Terminal.TerminalMode.IsTerminal(0);

    public static bool OutIsTerminal() => Berth.Linux.Terminal.TerminalMode.IsTerminal(1);

    // The process's raw stdin and stdout for commands that move binary archives (load, save, import): text writers
    // would re-encode the bytes.
    public static Stream OpenInput() => Console.OpenStandardInput(64 * 1024);

    public static Stream OpenOutput() => new FdOutputStream(1);

    public static bool InputIsTerminal => !Console.IsInputRedirected;

    public static bool OutputIsTerminal => !Console.IsOutputRedirected;

    private sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            var n = _decoder.GetChars(buffer, chars, flush: false);
            lock (writer) writer.Write(chars, 0, n);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancel)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancel = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() => writer.Flush();
    }
}
