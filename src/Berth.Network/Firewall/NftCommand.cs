using Berth.Linux.Processes;

namespace Berth.Network.Firewall;

// Runs the nft program, optionally inside another network namespace (by path, through nsenter), and turns a
// failure into one line: nft's first "Error:" line without the file position that precedes it.
internal sealed class NftCommand(string? networkNamespacePath)
{
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var nft = CommandRunner.Find("nft")
            ?? throw new FirewallException("nft not found: Berth programs its firewall with nftables (install the nftables package)");
        if (networkNamespacePath is null)
        {
            return await CommandRunner.RunAsync(nft, ["nft", .. arguments], ct);
        }
        var nsenter = CommandRunner.Find("nsenter")
            ?? throw new FirewallException("nsenter not found: it is needed to run nft in another network namespace (install util-linux)");
        return await CommandRunner.RunAsync(nsenter, ["nsenter", $"--net={networkNamespacePath}", "--", nft, .. arguments], ct);
    }

    // The script goes through a private temporary file: CommandRunner gives the child no stdin, and a pipe would
    // need a concurrent writer for a ruleset larger than the pipe buffer.
    public async Task RunScriptAsync(string what, string script, bool checkOnly, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-nft-{Guid.NewGuid():N}.nft");
        try
        {
            await using (var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            await using (var writer = new StreamWriter(file))
            {
                await writer.WriteAsync(script.AsMemory(), ct);
            }
            var result = await RunAsync(checkOnly ? ["--check", "-f", path] : ["-f", path], ct);
            if (result.ExitCode != 0) throw new FirewallException($"{what}: {FirstError(result)}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static string FirstError(CommandResult result)
    {
        var lines = (result.Stderr + "\n" + result.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = lines.FirstOrDefault(l => l.Contains("Error:", StringComparison.Ordinal));
        if (error is not null) return error[(error.IndexOf("Error:", StringComparison.Ordinal) + "Error:".Length)..].Trim();
        return lines.FirstOrDefault() ?? $"nft exited with status {result.ExitCode}";
    }
}
