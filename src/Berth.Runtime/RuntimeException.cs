namespace Berth.Runtime;

// A failure the user sees as one line ("container abc does not exist").
public sealed class RuntimeException(string message) : Exception(message);
