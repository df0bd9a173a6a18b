using Berth.Linux.Native;
using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Security;

public class RlimitsTests
{
    // A host without CAP_SYS_RESOURCE: hard limits can only go down.
    private sealed class FakeRlimits : IRlimitSyscalls
    {
        public Dictionary<int, (ulong Soft, ulong Hard)> Limits { get; } = new() { [7] = (1024, 20000), [4] = (0, ulong.MaxValue) };

        public List<string> Sets { get; } = [];

        public (ulong Soft, ulong Hard) Get(int resource) => Limits[resource];

        public int TrySet(int resource, ulong soft, ulong hard)
        {
            Sets.Add($"{resource} {soft} {hard}");
            if (hard > Limits[resource].Hard)
                return 1;
            Limits[resource] = (soft, hard);
            return 0;
        }
    }

    [Theory]
    [InlineData("RLIMIT_CPU", 0)]
    [InlineData("RLIMIT_CORE", 4)]
    [InlineData("RLIMIT_NPROC", 6)]
    [InlineData("RLIMIT_NOFILE", 7)]
    [InlineData("RLIMIT_AS", 9)]
    [InlineData("RLIMIT_RTTIME", 15)]
    public void Parse_maps_names_to_resources(string name, int expected) =>
        Assert.Equal(expected, Rlimits.Parse(name));

    [Fact]
    public void Parse_rejects_unknown_names()
    {
        var e = Assert.Throws<LinuxException>(() => Rlimits.Parse("RLIMIT_FOO"));
        Assert.Equal("unknown rlimit type \"RLIMIT_FOO\"", e.Message);
    }

    [Fact]
    public void Validate_checks_names_order_and_duplicates()
    {
        Rlimits.Validate(null);
        Rlimits.Validate([new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = 10, Hard = 10 }]);

        var e = Assert.Throws<LinuxException>(() =>
            Rlimits.Validate([new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = ulong.MaxValue, Hard = 10 }]));
        Assert.Equal("rlimit RLIMIT_NOFILE: soft limit unlimited is above hard limit 10", e.Message);

        e = Assert.Throws<LinuxException>(() => Rlimits.Validate(
        [
            new RlimitSpec { Type = "RLIMIT_CORE", Soft = 1, Hard = 1 },
            new RlimitSpec { Type = "RLIMIT_CORE", Soft = 2, Hard = 2 },
        ]));
        Assert.Equal("rlimit RLIMIT_CORE is given more than once", e.Message);
    }

    [Fact]
    public void Apply_sets_limits_within_the_hard_limit_without_warnings()
    {
        var sys = new FakeRlimits();
        var warnings = Rlimits.Apply([new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = 512, Hard = 4096 }], sys);
        Assert.Empty(warnings);
        Assert.Equal((512UL, 4096UL), sys.Limits[7]);
    }

    [Fact]
    public void Apply_clamps_a_hard_limit_it_cannot_raise_and_warns()
    {
        var sys = new FakeRlimits();

        var warnings = Rlimits.Apply([new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = 1048576, Hard = 1048576 }], sys);

        Assert.Equal(["7 1048576 1048576", "7 20000 20000"], sys.Sets);
        Assert.Equal((20000UL, 20000UL), sys.Limits[7]);
        var warning = Assert.Single(warnings);
        Assert.Equal("rlimit RLIMIT_NOFILE: hard limit 1048576 is above this host's 20000 and cannot be raised " +
                     "without CAP_SYS_RESOURCE; using soft 20000, hard 20000", warning);
    }

    [Fact]
    public void Apply_keeps_a_lower_soft_limit_when_clamping()
    {
        var sys = new FakeRlimits();
        var warnings = Rlimits.Apply([new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = 100, Hard = 1048576 }], sys);
        Assert.Single(warnings);
        Assert.Equal((100UL, 20000UL), sys.Limits[7]);
    }

    [Fact]
    public void Apply_reports_other_failures()
    {
        var sys = new RejectingRlimits();
        var e = Assert.Throws<SyscallException>(() =>
            Rlimits.Apply([new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = 1, Hard = 1 }], sys));
        Assert.Equal(22, e.Errno);
        Assert.StartsWith("setrlimit RLIMIT_NOFILE soft 1 hard 1: ", e.Message);
    }

    private sealed class RejectingRlimits : IRlimitSyscalls
    {
        public (ulong Soft, ulong Hard) Get(int resource) => (10, 10);

        public int TrySet(int resource, ulong soft, ulong hard) => 22;
    }
}
