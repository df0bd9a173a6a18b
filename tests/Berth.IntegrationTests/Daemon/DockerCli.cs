namespace Berth.IntegrationTests.Daemon;

// The real docker CLI, when the machine has one.
public static class DockerCli
{
    public static string? Path { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(dir => System.IO.Path.Combine(dir, "docker"))
            .FirstOrDefault(File.Exists);

    public static string Require()
    {
        Skip.If(Path is null, "the docker CLI is not installed");
        return Path!;
    }
}
