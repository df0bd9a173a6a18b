namespace Berth.Engine;

// An operation the engine refuses, with the HTTP status and message dockerd answers it with. The container,
// volume and network exceptions share it so the API maps all of them one way.
public abstract class EngineException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
