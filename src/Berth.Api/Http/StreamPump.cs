using Berth.Runtime;
using Berth.Runtime.Shim;

namespace Berth.Api.Http;

// Joins a hijacked client connection to a shim stream: the shim's frames go out as they are (multiplexed) or as
// their bare payload (tty); the client's bytes are the process's stdin, and its half-close closes that stdin.
public static class StreamPump
{
    // Returns the exit code a status frame carried (exec), or null.
    public static async Task<int?> RunAsync(HijackedStream client, ShimStream shim, bool tty, bool stdin, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var input = stdin ? Task.Run(() => PumpStdinAsync(client.Input, shim, stop.Token), CancellationToken.None) : Task.CompletedTask;
        int? code = null;
        try
        {
            while (await StreamFrames.ReadAsync(shim, stop.Token) is { } frame)
            {
                if (frame.Stream == StreamFrames.Status)
                {
                    code = ShimClient.ParseExecExit(frame.Payload);
                    continue;
                }
                if (tty) await client.Output.WriteAsync(frame.Payload, stop.Token);
                else await client.Output.WriteAsync(StreamFrames.Frame(frame.Stream, frame.Payload), stop.Token);
                await client.Output.FlushAsync(stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RuntimeException or ObjectDisposedException)
        {
            // The client or the shim went away: nothing more to forward.
        }
        finally
        {
            stop.Cancel();
        }
        try { await input; }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException) { }
        return code;
    }

    private static async Task PumpStdinAsync(Stream from, ShimStream to, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        while (true)
        {
            var n = await from.ReadAsync(buffer, ct);
            if (n == 0)
            {
                to.ShutdownInput();
                return;
            }
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
        }
    }
}
