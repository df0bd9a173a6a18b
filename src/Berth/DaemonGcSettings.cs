using System.Text;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth;

// The daemon's gen0 budget: 4 MiB instead of the workstation default, which grew the daemon by ~35 MiB of dirty
// pages in a burst of container starts and kept them (bench/container-memory.sh: 67 MiB for 200 containers, 2 MiB
// with this). NativeAOT takes this GC setting only from the environment at start (a runtimeconfig knob is not read
// for it), so the daemon role executes itself again, once, with the variable set; same pid, nothing opened yet.
internal static class DaemonGcSettings
{
    private const string Variable = "DOTNET_GCgen0size";
    private const string Gen0Budget = "400000"; // hexadecimal, as the GC reads it

    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || Environment.ProcessPath is not { } path) return;
        try
        {
            var argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
            var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Select(e => $"{e.Key}={e.Value}").Append($"{Variable}={Gen0Budget}").ToList();
            using var args = new CStringArray(argv);
            using var envp = new CStringArray(env);
            ProcessControl.Exec(Encoding.UTF8.GetBytes(path + "\0"), args, envp);
        }
        catch (Exception e) when (e is SyscallException or IOException)
        {
            // The daemon runs with the default budget rather than not at all.
        }
    }
}
