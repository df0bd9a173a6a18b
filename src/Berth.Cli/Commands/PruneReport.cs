namespace Berth.Cli.Commands;

// What a prune removed, as docker lists it: a titled section of names and a blank line, or nothing at all.
internal static class PruneReport
{
    public static async Task Section(TextWriter o, string title, IReadOnlyList<string>? items)
    {
        if (items is not { Count: > 0 }) return;
        await o.WriteLineAsync(title);
        foreach (var item in items) await o.WriteLineAsync(item);
        await o.WriteLineAsync();
    }
}
