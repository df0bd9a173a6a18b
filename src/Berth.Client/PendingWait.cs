using Berth.Api.Models.Containers;
using Berth.Client.Http;

namespace Berth.Client;

// A wait the daemon has registered (its answer's head is in); the body, the container's exit, is read by Finish,
// blocking until the daemon sends it.
public sealed class PendingWait : IDisposable
{
    private readonly BlockingExchange _exchange;
    private readonly string _path;

    internal PendingWait(BlockingExchange exchange, string path)
    {
        _exchange = exchange;
        _path = path;
    }

    public ContainerWaitResponse Finish() => BlockingClient.ReadJson(_exchange, _path, RunAnswers.ReadWait);

    public void Dispose() => _exchange.Dispose();
}
