using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth tag SOURCE TARGET` / `berth image tag`: adds a name to an image; prints nothing, as docker does.
public static class TagCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth tag").Parse(args);
        ArgumentCount.Check(flags, "berth tag", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", 2, 2);
        var (repository, tag) = SplitReference(flags.Arguments[1]);

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await client.TagImageAsync(flags.Arguments[0], repository, tag, cancel);
        return 0;
    }

    // "host:port/name:tag" → ("host:port/name", "tag"): the tag is after a ':' that follows the last '/'.
    internal static (string Repository, string? Tag) SplitReference(string reference)
    {
        var colon = reference.IndexOf(':', reference.LastIndexOf('/') + 1);
        return colon < 0 ? (reference, null) : (reference[..colon], reference[(colon + 1)..]);
    }
}
