namespace Berth.Engine.Containers;

// A container operation the engine refuses, with the HTTP status and message dockerd answers it with
// (404 no such container, 409 conflict, 400 invalid parameter, 304 nothing to do).
public sealed class ContainerException(int status, string message) : EngineException(status, message)
{
    public static ContainerException NotFound(string reference) => new(404, $"No such container: {reference}");
    public static ContainerException Conflict(string message) => new(409, message);
    public static ContainerException NotModified() => new(304, "");
}
