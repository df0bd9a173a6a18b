using Berth.Linux.Processes;
using Berth.Network.Firewall;
using Berth.Network.Ipam;

namespace Berth.Network.Tests.Firewall;

// `nft --check` parses the transaction and validates it against the kernel without committing anything,
// so these run against the real host under a unique table name and leave no trace.
public sealed class NftCheckTests
{
    private static readonly FirewallBridge Web = new("br-web", Ipv4Subnet.Parse("172.30.1.0/24"), Internal: false);
    private static readonly FirewallBridge Db = new("br-db", Ipv4Subnet.Parse("172.30.2.0/24"), Internal: false);
    private static readonly FirewallBridge Sealed = new("br-sealed", Ipv4Subnet.Parse("172.30.3.0/24"), Internal: true);

    private static NftablesFirewall UniqueFirewall() => new("berth-check-" + Guid.NewGuid().ToString("N")[..8]);

    public static TheoryData<string> States() => ["empty", "representative", "thousand"];

    private static FirewallState StateNamed(string name) => name switch
    {
        "empty" => FirewallState.Empty,
        "representative" => new FirewallState([Web, Db, Sealed],
        [
            new(TransportProtocol.Tcp, null, 8080, Ipv4Address.Parse("172.30.1.2"), 80, "br-web"),
            new(TransportProtocol.Tcp, Ipv4Address.Parse("127.0.0.1"), 8443, Ipv4Address.Parse("172.30.1.2"), 443, "br-web"),
            new(TransportProtocol.Udp, null, 5353, Ipv4Address.Parse("172.30.2.5"), 53, "br-db"),
            new(TransportProtocol.Udp, Ipv4Address.Parse("10.0.0.1"), 5353, Ipv4Address.Parse("172.30.2.6"), 53, "br-db"),
        ]),
        "thousand" => new FirewallState([Web],
            Enumerable.Range(9000, 1000).Select(p => new PortForward(TransportProtocol.Tcp, null, p, Ipv4Address.Parse("172.30.1.2"), p, "br-web")).ToList()),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(States))]
    public async Task Nft_accepts_the_rendered_table_without_creating_it(string state)
    {
        var firewall = UniqueFirewall();
        await firewall.CheckAsync(StateNamed(state));
        Assert.False(await firewall.ExistsAsync());
    }

    [Fact]
    public async Task Nft_accepts_the_removal_of_a_table_that_does_not_exist()
    {
        var firewall = UniqueFirewall();
        var nft = CommandRunner.Find("nft")!;
        var path = Path.Combine(Path.GetTempPath(), $"berth-nft-test-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(path, NftablesRuleset.RenderRemove(firewall.TableName));
        try
        {
            var result = await CommandRunner.RunAsync(nft, ["nft", "--check", "-f", path], CancellationToken.None);
            Assert.True(result.ExitCode == 0, result.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Nft_failures_become_their_first_error_line()
    {
        var stderr = "/tmp/berth-nft-x.nft:12:3-20: Error: Could not process rule: No such file or directory\n"
            + "\t\tfib daddr type local jump nowhere\n\t\t^^^^^^^^^^^^^^^^^^\n"
            + "/tmp/berth-nft-x.nft:13:3-20: Error: second problem\n";
        Assert.Equal("Could not process rule: No such file or directory", NftCommand.FirstError(new CommandResult(1, "", stderr)));
        Assert.Equal("nsenter: cannot open /run/netns/x: No such file or directory",
            NftCommand.FirstError(new CommandResult(1, "", "nsenter: cannot open /run/netns/x: No such file or directory\n")));
        Assert.Equal("nft exited with status 1", NftCommand.FirstError(new CommandResult(1, "", "")));
    }

    [Fact]
    public async Task A_missing_namespace_is_one_clear_error()
    {
        var firewall = new NftablesFirewall("berth-check", "/run/netns/berth-fwt-does-not-exist");
        var ex = await Assert.ThrowsAsync<FirewallException>(() => firewall.ApplyAsync(FirewallState.Empty));
        Assert.StartsWith("cannot apply firewall table berth-check: nsenter: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
