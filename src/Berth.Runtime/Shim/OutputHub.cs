using System.Net.Sockets;
using Berth.Runtime.Logs;

namespace Berth.Runtime.Shim;

// Fans container output out to the log file and to every attached client, as frames of Docker's stream format.
internal sealed class OutputHub(JsonFileLogWriter? log)
{
    private readonly Lock _lock = new();
    private readonly List<Subscriber> _subscribers = [];
    private bool _closed;

    public void Publish(byte stream, ReadOnlyMemory<byte> data)
    {
        log?.Write(stream == StreamFrames.Stderr ? "stderr" : "stdout", data.Span);
        Subscriber[] targets;
        lock (_lock) targets = [.. _subscribers];
        if (targets.Length == 0) return;
        var frame = StreamFrames.Frame(stream, data.Span);
        foreach (var s in targets)
        {
            if (stream == StreamFrames.Stderr ? !s.Stderr : !s.Stdout) continue;
            if (!s.Send(frame)) Remove(s);
        }
    }

    // acknowledge answers the client; it runs under the lock, so every frame published after the client has its
    // answer (and so after it may start the container) reaches it. false when output has already ended: the caller
    // closes the connection itself.
    public bool Add(Socket socket, bool stdout, bool stderr, Action acknowledge)
    {
        lock (_lock)
        {
            acknowledge();
            if (_closed) return false;
            _subscribers.Add(new Subscriber(socket, stdout, stderr));
            return true;
        }
    }

    // The container has exited and its output is drained: end every attach connection.
    public void CloseAll()
    {
        Subscriber[] all;
        lock (_lock)
        {
            _closed = true;
            all = [.. _subscribers];
            _subscribers.Clear();
        }
        foreach (var s in all) s.Close();
    }

    private void Remove(Subscriber s)
    {
        lock (_lock) _subscribers.Remove(s);
        s.Close();
    }

    private sealed class Subscriber(Socket socket, bool stdout, bool stderr)
    {
        public bool Stdout => stdout;
        public bool Stderr => stderr;

        public bool Send(byte[] frame)
        {
            try
            {
                lock (this) socket.Send(frame);
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }

        public void Close() => ShimConnection.Close(socket);
    }
}
