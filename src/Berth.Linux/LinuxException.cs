namespace Berth.Linux;

// A kernel-facing operation that cannot be done as asked (bad name, unsupported
// feature); the message is the one line the user sees.
public class LinuxException(string message) : Exception(message);
