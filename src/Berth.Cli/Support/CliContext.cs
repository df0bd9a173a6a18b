namespace Berth.Cli.Support;

// What a command needs from its surroundings, passed in so commands can be tested without a terminal.
public sealed record CliContext(TextWriter Out, TextWriter Err, Func<string, string?> Env, string? HostFlag, bool Debug)
{
    public static string Version { get; } =
        typeof(CliContext).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
