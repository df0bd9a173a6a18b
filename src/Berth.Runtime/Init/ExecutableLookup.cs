namespace Berth.Runtime.Init;

// Finds args[0] the way execvp would, with the container's PATH, so "not found" is reported at create time.
internal static class ExecutableLookup
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static string Resolve(string program, IReadOnlyList<string>? env)
    {
        if (program.Contains('/'))
        {
            if (!File.Exists(program)) throw new RuntimeException($"exec: \"{program}\": stat {program}: no such file or directory");
            return program;
        }
        var path = env?.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? DefaultPath;
        foreach (var dir in path.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, program);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }
        throw new RuntimeException($"exec: \"{program}\": executable file not found in $PATH");
    }
}
