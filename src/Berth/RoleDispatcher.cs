using System.Reflection;
using Berth.Api;
using Berth.Runtime.Cli;

namespace Berth;

// Chooses the role of this one executable from its first word (DESIGN.md, "Binaries and roles").
internal static class RoleDispatcher
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "runtime") return RuntimeCli.Run(args[1..]);
        if (args.Length > 0 && args[0] == "daemon") return DaemonMain.Run(args[1..]);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        if (args[0] is "--version" or "-v" or "version")
        {
            Console.Out.WriteLine($"Berth version {Version}");
            return 0;
        }
        Console.Error.WriteLine($"berth: unknown command \"{args[0]}\"; see 'berth --help'");
        return 125;
    }

    public static string Version =>
        typeof(RoleDispatcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private const string Usage = """
        Usage: berth COMMAND [ARGS...]

        A Docker-compatible container engine.

        Commands:
          runtime     OCI runtime with runc's command line (create, start, state, kill, delete, run, exec, list, spec)
          --version   Print the version

        """;
}
