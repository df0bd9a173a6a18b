namespace Berth.Linux.Processes;

// Signal names and numbers as kill(1) and runc accept them: "KILL", "SIGKILL", "9".
public static class Signals
{
    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    ];

    public const int SigKill = 9, SigTerm = 15;

    public static int Parse(string text)
    {
        if (int.TryParse(text, out var n))
        {
            return n is > 0 and <= 64 ? n : throw new LinuxException($"invalid signal \"{text}\"");
        }
        var name = text.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        if (name == "IOT") return 6;
        if (name == "POLL") return 29;
        if (name.StartsWith("RTMIN", StringComparison.Ordinal) || name.StartsWith("RTMAX", StringComparison.Ordinal))
        {
            var baseNo = name.StartsWith("RTMIN", StringComparison.Ordinal) ? 34 : 64;
            var off = name.Length == 5 ? 0 : int.TryParse(name[5..], out var o) ? o : int.MinValue;
            var sig = baseNo + off;
            if (off != int.MinValue && sig is >= 34 and <= 64) return sig;
        }
        var idx = Array.IndexOf(Names, name);
        return idx > 0 ? idx : throw new LinuxException($"invalid signal \"{text}\"");
    }

    public static string Name(int signal) => signal > 0 && signal < Names.Length ? "SIG" + Names[signal] : $"SIG{signal}";
}
