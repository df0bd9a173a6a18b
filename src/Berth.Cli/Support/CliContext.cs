namespace Berth.Cli.Support;

// What a command needs from its surroundings, passed in so commands can be tested without a terminal.
public sealed record CliContext(TextWriter Out, TextWriter Err, Func<string, string?> Env, string? HostFlag, bool Debug)
{
    // A build constant: reading the assembly's version through reflection costs every command its binder's start.
    public static string Version => Berth.Client.BerthClient.ClientVersion;
}
