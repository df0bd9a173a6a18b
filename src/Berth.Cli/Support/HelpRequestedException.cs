namespace Berth.Cli.Support;

// `COMMAND --help` (or -h where the command has no -h of its own), met among the command's flags: the command's
// usage goes to stdout and the exit status is 0. A --help after a run's image belongs to the container's command.
// Options is the flag list (FlagParser.Options); the usage line names the command as it was typed (CliApp).
public sealed class HelpRequestedException(string options) : Exception("help requested")
{
    public string Options { get; } = options;
}
