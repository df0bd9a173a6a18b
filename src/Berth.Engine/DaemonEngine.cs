using Berth.Engine.Config;
using Berth.Engine.Events;
using Berth.Engine.Host;

namespace Berth.Engine;

// The daemon's core as the API sees it: settings, identity, host facts, events and the stores that exist so far.
public sealed class DaemonEngine
{
    public DaemonEngine(DaemonOptions options, HostFacts host, TimeProvider clock, IImageStats? images = null)
    {
        Options = options;
        Host = host;
        Events = new EventBus(clock);
        _images = images;
        Id = EngineIdentity.LoadOrCreate(options.DataRoot);
    }

    private readonly IImageStats? _images;

    public DaemonOptions Options { get; }
    public HostFacts Host { get; }
    public EventBus Events { get; }
    public string Id { get; }

    public int ImageCount => _images?.CountImages() ?? 0;

    // Set by the daemon once its container service exists.
    public Func<ContainerCounts>? ContainerCounter { get; set; }

    public ContainerCounts Containers => ContainerCounter?.Invoke() ?? new(0, 0, 0, 0);
}

public readonly record struct ContainerCounts(int Total, int Running, int Paused, int Stopped);
