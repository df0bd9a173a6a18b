using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Linux.Tests.Security;

// Runs a scenario in a fresh process made from this test assembly, for changes the
// test host must never undergo (loading seccomp, setuid, dropping capabilities).
// `dotnet exec Berth.Linux.Tests.dll` with BERTH_LINUX_TESTS_CHILD set enters the
// scenario from the module initializer, before the generated test Main, and exits.
// A scenario must not wait on another thread running code of this assembly: that
// thread blocks until the module initializer returns, which is a deadlock.
internal static class ChildProcess
{
    private const string Variable = "BERTH_LINUX_TESTS_CHILD";

    private static readonly Dictionary<string, Func<string>> Scenarios = new()
    {
        ["seccomp"] = ChildScenarios.SeccompLoad,
        ["seccomp-tsync"] = ChildScenarios.SeccompTsync,
        ["seccomp-cached"] = ChildScenarios.SeccompCachedProgram,
        ["seccomp-unprivileged"] = ChildScenarios.SeccompUnprivileged,
        ["identity"] = ChildScenarios.Identity,
        ["rlimits"] = ChildScenarios.Rlimits,
    };

    public static (int ExitCode, string Stdout, string Stderr) Run(string scenario)
    {
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.Environment[Variable] = scenario;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"child scenario {scenario} did not finish");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

#pragma warning disable CA2255 // the child process needs an entry point and the test SDK owns Main
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void EnterScenario()
    {
        var scenario = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(scenario))
            return;
        try
        {
            Console.Out.Write(Scenarios[scenario]());
            Console.Out.Flush();
            Environment.Exit(0);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{e.GetType().Name}: {e.Message}");
            Console.Error.Flush();
            Environment.Exit(1);
        }
    }
}

internal static partial class ChildNative
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial long syscall(long number);

    public static long GetppidNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 110,
        Architecture.Arm64 => 173,
        var other => throw new PlatformNotSupportedException($"no getppid number for {other}"),
    };
}
