namespace Berth.Cli.Support;

// A command line the CLI cannot run (unknown flag, missing value): exit 125, as docker does.
public sealed class UsageException(string message) : Exception(message);
