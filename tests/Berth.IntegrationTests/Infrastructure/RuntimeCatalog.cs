namespace Berth.IntegrationTests.Infrastructure;

// The runtimes every theory runs against: Berth always, runc when installed. A runtime that is not
// installed, or left out by BERTH_IT_RUNTIMES (e.g. "runc" to check the tests themselves), is
// reported as skipped rather than silently dropped.
public static class RuntimeCatalog
{
    public static string? RuncPath { get; } = FindRunc();

    public static TheoryData<string> All => new(RuntimeUnderTest.Berth, RuntimeUnderTest.Runc);

    public static string? WhyUnavailable(string name)
    {
        if (Environment.GetEnvironmentVariable("BERTH_IT_RUNTIMES") is { Length: > 0 } list
            && !list.Split(',', StringSplitOptions.TrimEntries).Contains(name))
            return $"{name} is not in BERTH_IT_RUNTIMES={list}";
        if (name == RuntimeUnderTest.Runc && RuncPath is null)
            return "runc is not installed";
        return null;
    }

    private static string? FindRunc()
    {
        if (Environment.GetEnvironmentVariable("BERTH_IT_RUNC") is { Length: > 0 } configured)
            return configured;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/local/sbin");
        return path.Select(dir => Path.Combine(dir, "runc")).FirstOrDefault(File.Exists);
    }
}
