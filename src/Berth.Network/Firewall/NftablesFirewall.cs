namespace Berth.Network.Firewall;

// Berth's own nftables table (family ip). Every change replaces the whole table in one nft transaction, so
// the kernel never holds a half-applied state and the host's other tables and rules are never touched.
// networkNamespacePath (e.g. /run/netns/NAME) runs nft in that namespace instead of the daemon's.
public sealed class NftablesFirewall
{
    public const string DefaultTableName = "berth";

    private readonly NftCommand _nft;
    // Applies are serialised so a slower, older state can never land after a newer one.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public NftablesFirewall(string tableName = DefaultTableName, string? networkNamespacePath = null)
    {
        NftablesRuleset.ValidateTableName(tableName);
        TableName = tableName;
        _nft = new NftCommand(networkNamespacePath);
    }

    public string TableName { get; }

    public async Task ApplyAsync(FirewallState state, CancellationToken ct = default)
    {
        var script = NftablesRuleset.Render(TableName, state);
        await _gate.WaitAsync(ct);
        try
        {
            await _nft.RunScriptAsync($"cannot apply firewall table {TableName}", script, checkOnly: false, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Has nft parse and validate the transaction against the kernel without committing it.
    public Task CheckAsync(FirewallState state, CancellationToken ct = default) =>
        _nft.RunScriptAsync($"invalid firewall table {TableName}", NftablesRuleset.Render(TableName, state), checkOnly: true, ct);

    // Deletes the table; nothing happens if it does not exist.
    public async Task RemoveAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await _nft.RunScriptAsync($"cannot remove firewall table {TableName}", NftablesRuleset.RenderRemove(TableName), checkOnly: false, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> ExistsAsync(CancellationToken ct = default)
    {
        var result = await _nft.RunAsync(["list", "tables", "ip"], ct);
        if (result.ExitCode != 0) throw new FirewallException($"cannot list nftables tables: {NftCommand.FirstError(result)}");
        return result.Stdout.Split('\n').Any(line => line.Trim() == $"table ip {TableName}");
    }

    // The table as the kernel holds it (`nft list table`), for diagnostics and tests.
    public async Task<string> ListAsync(CancellationToken ct = default)
    {
        var result = await _nft.RunAsync(["list", "table", "ip", TableName], ct);
        if (result.ExitCode != 0) throw new FirewallException($"cannot list firewall table {TableName}: {NftCommand.FirstError(result)}");
        return result.Stdout;
    }
}
