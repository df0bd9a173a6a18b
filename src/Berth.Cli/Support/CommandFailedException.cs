namespace Berth.Cli.Support;

// A command that ran but failed with a message docker prints as is (no "berth:" prefix): exit 1.
public sealed class CommandFailedException(string message) : Exception(message);
