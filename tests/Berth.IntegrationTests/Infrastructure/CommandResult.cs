namespace Berth.IntegrationTests.Infrastructure;

public sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // Assertion messages carry the whole exchange, so a failure in CI says what the runtime printed.
    public override string ToString() => $"`{Command}` exited {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public CommandResult EnsureSuccess() => ExpectExit(0);

    public CommandResult ExpectExit(int code)
    {
        if (ExitCode != code)
            throw new Xunit.Sdk.XunitException($"expected exit code {code}: {this}");
        return this;
    }
}
