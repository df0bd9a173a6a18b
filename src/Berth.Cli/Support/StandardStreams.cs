namespace Berth.Cli.Support;

// The process's raw stdin and stdout for commands that move binary archives (load, save, import): text writers
// would re-encode the bytes.
public static class StandardStreams
{
    public static Stream OpenInput() => Console.OpenStandardInput(64 * 1024);

    public static Stream OpenOutput() => Console.OpenStandardOutput(64 * 1024);

    public static bool InputIsTerminal => !Console.IsInputRedirected;

    public static bool OutputIsTerminal => !Console.IsOutputRedirected;
}
