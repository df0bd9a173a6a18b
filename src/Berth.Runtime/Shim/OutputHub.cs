using System.Net.Sockets;
using Berth.Runtime.Logs;

namespace Berth.Runtime.Shim;

// Fans container output out to the log file and to every attached client, as frames of Docker's stream format.
// heldFor: attaches the daemon makes right after a start it left to the shim (ShimOptions.HeldAttaches). Output
// before they are all in is kept and replayed to each, so a container that writes (or even exits) at once loses
// nothing to a client that attached before the start.
internal sealed class OutputHub(JsonFileLogWriter? log, int heldFor = 0)
{
    // Past this much kept output the container's writes wait (its pipe fills) until the attaches are in, or for
    // HoldWait at most: a daemon that never comes must not stall the container for good.
    private const int HoldLimit = 1 << 20;
    private static readonly TimeSpan HoldWait = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly ManualResetEventSlim _released = new(heldFor <= 0);
    private List<byte[]>? _held = heldFor > 0 ? [] : null;
    private int _awaited = heldFor;
    private long _heldBytes;
    private bool _closed;

    public void Publish(byte stream, ReadOnlyMemory<byte> data)
    {
        log?.Write(stream == StreamFrames.Stderr ? "stderr" : "stdout", data.Span);
        if (Volatile.Read(ref _heldBytes) >= HoldLimit && !_released.Wait(HoldWait)) StopHolding();
        Subscriber[] targets;
        byte[]? frame = null;
        lock (_lock)
        {
            if (_held is not null)
            {
                frame = StreamFrames.Frame(stream, data.Span);
                _held.Add(frame);
                _heldBytes += frame.Length;
            }
            targets = [.. _subscribers];
        }
        if (targets.Length == 0) return;
        frame ??= StreamFrames.Frame(stream, data.Span);
        foreach (var s in targets)
        {
            if (!s.Wants(stream)) continue;
            if (!s.Send(frame)) Remove(s);
        }
    }

    // acknowledge answers the client; it runs under the lock, so every frame published after the client has its
    // answer (and so after it may start the container) reaches it, and kept output comes before. false when
    // output has already ended: the caller closes the connection itself.
    public bool Add(Socket socket, bool stdout, bool stderr, Action acknowledge)
    {
        var subscriber = new Subscriber(socket, stdout, stderr);
        lock (_lock)
        {
            acknowledge();
            if (_held is not null)
            {
                foreach (var frame in _held)
                {
                    if (subscriber.Wants(frame[0])) subscriber.Send(frame);
                }
                if (--_awaited <= 0) StopHoldingLocked();
            }
            if (_closed) return false;
            _subscribers.Add(subscriber);
            return true;
        }
    }

    // The container has exited and its output is drained: end every attach connection. Kept output stays for the
    // awaited attaches still to come.
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

    private void StopHolding()
    {
        lock (_lock) StopHoldingLocked();
    }

    private void StopHoldingLocked()
    {
        _held = null;
        _heldBytes = 0;
        _released.Set();
    }

    private void Remove(Subscriber s)
    {
        lock (_lock) _subscribers.Remove(s);
        s.Close();
    }

    private sealed class Subscriber(Socket socket, bool stdout, bool stderr)
    {
        public bool Wants(byte stream) => stream == StreamFrames.Stderr ? stderr : stdout;

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
