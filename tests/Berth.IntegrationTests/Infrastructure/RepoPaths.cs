namespace Berth.IntegrationTests.Infrastructure;

// Locates the repository and the binaries under test, so tests run the same way from test.sh, an IDE or CI.
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    // BERTH_BIN lets CI or a developer point the tests at a binary built elsewhere.
    public static string BerthBinary =>
        Environment.GetEnvironmentVariable("BERTH_BIN") is { Length: > 0 } bin ? bin : Path.Combine(RepoRoot, "out", "berth");

    public static string FixtureScript(string name) => Path.Combine(RepoRoot, "tests", "fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }
}
