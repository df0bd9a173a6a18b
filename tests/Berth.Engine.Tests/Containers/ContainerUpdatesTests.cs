using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerUpdatesTests
{
    private static readonly SpecHost TwoCpus = new(2);
    private const long Mi = 1024 * 1024;

    [Theory]
    [InlineData(1000L, 0L, "Minimum memory limit allowed is 6MB")]
    [InlineData(64 * Mi, 32 * Mi, "Minimum memoryswap limit should be larger than memory limit, see usage")]
    public void Validation_uses_dockerds_messages(long memory, long swap, string message)
    {
        var e = Assert.Throws<ContainerSpecException>(() => ContainerUpdates.Validate(new ContainerUpdate { Memory = memory, MemorySwap = swap }, TwoCpus));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Swap_alone_is_valid_since_the_memory_may_already_be_set()
    {
        ContainerUpdates.Validate(new ContainerUpdate { MemorySwap = 128 * Mi }, TwoCpus);
        Assert.Throws<ContainerSpecException>(() => ContainerUpdates.Validate(new ContainerUpdate { NanoCpus = 3_000_000_000 }, TwoCpus));
        Assert.Throws<ContainerSpecException>(() => ContainerUpdates.Validate(new ContainerUpdate { RestartPolicy = new RestartPolicy { Name = "sometimes" } }, TwoCpus));
    }

    [Fact]
    public void Merge_changes_only_the_fields_the_update_sets()
    {
        var hc = new HostConfig { Memory = 64 * Mi, MemorySwap = 128 * Mi, CpuShares = 100, PidsLimit = 10 };
        ContainerUpdates.Merge(hc, new ContainerUpdate { Memory = 96 * Mi, MemorySwap = 192 * Mi, RestartPolicy = new RestartPolicy { Name = "always" } });
        Assert.Equal(96 * Mi, hc.Memory);
        Assert.Equal(192 * Mi, hc.MemorySwap);
        Assert.Equal(100, hc.CpuShares);
        Assert.Equal(10, hc.PidsLimit);
        Assert.Equal("always", hc.RestartPolicy!.Name);
    }

    [Theory]
    [InlineData("memory-over-swap", "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time")]
    [InlineData("nano-over-quota", "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set")]
    [InlineData("period-over-nano", "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set")]
    [InlineData("restart-with-rm", "Restart policy cannot be updated because AutoRemove is enabled for the container")]
    public void Merge_refuses_what_conflicts_with_the_current_settings(string test, string message)
    {
        var (hc, update) = test switch
        {
            "memory-over-swap" => (new HostConfig { Memory = 64 * Mi, MemorySwap = 128 * Mi }, new ContainerUpdate { Memory = 256 * Mi }),
            "nano-over-quota" => (new HostConfig { CpuQuota = 50000 }, new ContainerUpdate { NanoCpus = 1_000_000_000 }),
            "period-over-nano" => (new HostConfig { NanoCpus = 1_000_000_000 }, new ContainerUpdate { CpuPeriod = 50000 }),
            _ => (new HostConfig { AutoRemove = true }, new ContainerUpdate { RestartPolicy = new RestartPolicy { Name = "always" } }),
        };
        var e = Assert.Throws<ContainerSpecException>(() => ContainerUpdates.Merge(hc, update));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Memory_may_grow_past_an_unset_swap_limit()
    {
        var hc = new HostConfig();
        ContainerUpdates.Merge(hc, new ContainerUpdate { Memory = 256 * Mi });
        Assert.Equal(256 * Mi, hc.Memory);
    }

    [Fact]
    public void Live_resources_hold_only_what_the_update_sets()
    {
        var r = ContainerUpdates.LiveResources(new ContainerUpdate { NanoCpus = 500_000_000, PidsLimit = -1, MemorySwap = 128 * Mi });
        Assert.Equal(100_000UL, r.Cpu!.Period);
        Assert.Equal(50_000L, r.Cpu.Quota);
        Assert.Null(r.Cpu.Shares);
        Assert.Equal(0, r.Pids!.Limit);
        Assert.Null(r.Memory!.Limit);
        Assert.Equal(128 * Mi, r.Memory.Swap);
        Assert.Null(r.BlockIO);
        Assert.Null(ContainerUpdates.LiveResources(new ContainerUpdate { CpuShares = 512 }).Memory);
    }
}
