using System.Text;
using Berth.Linux.Native;

namespace Berth.Runtime.Init;

// Line-based messages over the socketpair between the runtime and init: the config one way,
// "hooks" / "ready" / "warn ..." / "error ..." the other.
internal sealed class SyncChannel(int fd) : IDisposable
{
    public const string Hooks = "hooks", HooksDone = "hooks-done", Ready = "ready", Error = "error ", Warn = "warn ";

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;
    public int Fd { get; private set; } = fd;

    public void Send(string line) => Linux.Native.Fd.WriteAll(Fd, Encoding.UTF8.GetBytes(line.ReplaceLineEndings(" ") + "\n"));

    // The next line, or null when the other side closed (it exited).
    public string? Receive()
    {
        var line = new List<byte>();
        while (true)
        {
            for (var i = _start; i < _end; i++)
            {
                if (_buffer[i] != (byte)'\n') continue;
                line.AddRange(_buffer.AsSpan(_start, i - _start));
                _start = i + 1;
                return Encoding.UTF8.GetString(line.ToArray());
            }
            line.AddRange(_buffer.AsSpan(_start, _end - _start));
            _start = 0;
            _end = Linux.Native.Fd.Read(Fd, _buffer);
            if (_end == 0) return null;
        }
    }

    public void Dispose()
    {
        if (Fd >= 0) Linux.Native.Fd.Close(Fd);
        Fd = -1;
    }
}
