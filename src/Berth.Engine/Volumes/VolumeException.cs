namespace Berth.Engine.Volumes;

// A volume operation the engine refuses, with the HTTP status and message dockerd answers it with.
public sealed class VolumeException(int status, string message) : EngineException(status, message)
{
    // dockerd's OpErr: "<op> <name>: <reason>".
    public static VolumeException Op(int status, string op, string name, string reason) =>
        new(status, string.IsNullOrEmpty(name) ? $"{op}: {reason}" : $"{op} {name}: {reason}");

    public static VolumeException NotFound(string name) => Op(404, "get", name, "no such volume");
}
