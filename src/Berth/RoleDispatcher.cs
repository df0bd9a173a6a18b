using Berth.Api;
using Berth.Cli;
using Berth.Runtime.Cli;

namespace Berth;

// Chooses the role of this one executable from its first word (DESIGN.md, "Binaries and roles"). The runtime and
// the daemon come first: everything else is the CLI, which talks to a daemon.
internal static class RoleDispatcher
{
    public static int Run(string[] args)
    {
        // The shim's stdout is its pipe to the daemon, written with plain syscalls.
        if (args.Length > 0 && args[0] == "shim") return Berth.Runtime.Shim.ShimMain.Run(args[1..]);
        PlainConsole.Install();
        if (args.Length > 0 && args[0] == "runtime") return RuntimeCli.Run(args[1..]);
        if (args.Length > 0 && args[0] == "daemon")
        {
            DaemonGcSettings.Apply();
            return DaemonMain.Run(args[1..]);
        }
        return CliApp.Run(args);
    }
}
