namespace Berth.Cli.Support;

// docker's positional-argument checks: a wrong count is exit 1 (not 125, which is for flags), with the usage line.
public static class ArgumentCount
{
    public static void Check(ParsedFlags flags, string command, string usage, int min, int max)
    {
        var n = flags.Arguments.Count;
        if (n >= min && n <= max) return;
        var wanted = min == max ? $"requires {(min == 1 ? "1 argument" : $"{min} arguments")}"
            : n < min ? $"requires at least {(min == 1 ? "1 argument" : $"{min} arguments")}"
            : max == 0 ? "accepts no arguments"
            : $"requires at most {(max == 1 ? "1 argument" : $"{max} arguments")}";
        throw new CommandFailedException($"berth: '{command}' {wanted}\n\nUsage:  {command} {usage}\n\nSee '{command} --help' for more information");
    }
}
