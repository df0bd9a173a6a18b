using Berth.Linux;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers.Spec;

// The signal `docker stop` sends: the container's StopSignal, else the image's, else SIGTERM.
public static class StopSignals
{
    public static int Resolve(string? containerSignal, string? imageSignal)
    {
        var text = !string.IsNullOrEmpty(containerSignal) ? containerSignal : imageSignal;
        if (string.IsNullOrEmpty(text)) return Signals.SigTerm;
        try { return Signals.Parse(text); }
        catch (LinuxException) { throw new ContainerSpecException($"invalid signal: {text}"); }
    }
}
