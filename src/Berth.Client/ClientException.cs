namespace Berth.Client;

// A request the daemon refused (Status is its HTTP status, Message its {"message": ...}) or could not be made.
public class ClientException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

// Nothing answers at the daemon's address.
public sealed class DaemonUnreachableException(string host, Exception? inner = null)
    : ClientException(0, $"Cannot connect to the Berth daemon at {host}. Is the daemon running?")
{
    public string Host { get; } = host;
    public Exception? Cause { get; } = inner;
}
