namespace Berth.Engine.Networks;

// A network operation the engine refuses, with the HTTP status and message dockerd answers it with.
public sealed class NetworkException(int status, string message) : EngineException(status, message)
{
    public static NetworkException NotFound(string name) => new(404, $"network {name} not found");
}
