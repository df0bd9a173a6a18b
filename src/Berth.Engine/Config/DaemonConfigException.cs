namespace Berth.Engine.Config;

// A daemon setting that cannot be used; the message is the one line the daemon prints before exiting.
public sealed class DaemonConfigException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
