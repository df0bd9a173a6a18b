using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// Facts about a process read from /proc.
public static class ProcessInfo
{
    public static bool Exists(int pid) => Libc.kill(pid, 0) == 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 1;

    // The start time in clock ticks since boot (field 22 of /proc/PID/stat), which tells a process from a later
    // one that reused its PID; null if the process is gone. State 'Z' (zombie) counts as gone.
    public static ulong? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) may hold spaces and parentheses: parse after its last ')'.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (rest[0] is "Z" or "X") return null;
        return ulong.TryParse(rest[19], out var t) ? t : null;
    }
}
