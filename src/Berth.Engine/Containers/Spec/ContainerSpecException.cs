namespace Berth.Engine.Containers.Spec;

// A create request the engine rejects, with Docker's message; the API answers it as 400 (invalid parameter).
public sealed class ContainerSpecException(string message) : Exception(message);
