using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Security;

public class ProcessIdentityTests
{
    private const ulong Chown = 1UL << 0, Kill = 1UL << 5, NetBind = 1UL << 10, SysResource = 1UL << 24;

    private static List<string> DropsExcept(ulong keep, ulong hostBounding)
    {
        var drops = new List<string>();
        for (var cap = 0; cap <= 40; cap++)
            if ((hostBounding & (1UL << cap)) != 0 && (keep & (1UL << cap)) == 0)
                drops.Add($"bounding drop {cap}");
        return drops;
    }

    [Fact]
    public void Apply_runs_the_transition_in_order()
    {
        var sys = new RecordingIdentitySyscalls();
        var host = sys.Bounding;
        var caps = new CapabilitiesSpec
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            Effective = ["CAP_CHOWN", "CAP_KILL"],
            Permitted = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            Inheritable = ["CAP_NET_BIND_SERVICE"],
            Ambient = ["CAP_NET_BIND_SERVICE"],
        };

        ProcessIdentity.Apply(new UserSpec { Uid = 1000, Gid = 100, AdditionalGids = [10, 20], Umask = 0x12 }, caps, sys);

        var expected = new List<string> { "keepcaps 1" };
        expected.AddRange(DropsExcept(Chown | Kill | NetBind, host));
        expected.AddRange(
        [
            "setgroups [10,20]",
            "setresgid 100",
            "setresuid 1000",
            $"capset e={Chown | Kill:x} p={Chown | Kill | NetBind:x} i={NetBind:x}",
            "ambient clear",
            "ambient raise 10",
            "keepcaps 0",
            "umask 22",
        ]);
        Assert.Equal(expected, sys.Calls);
    }

    [Fact]
    public void Caps_the_host_lacks_are_neither_dropped_nor_requested()
    {
        var sys = new RecordingIdentitySyscalls();
        var caps = new CapabilitiesSpec
        {
            Bounding = ["CAP_CHOWN", "CAP_SYS_RESOURCE"],
            Effective = ["CAP_CHOWN", "CAP_SYS_RESOURCE"],
            Permitted = ["CAP_CHOWN", "CAP_SYS_RESOURCE"],
            Inheritable = ["CAP_SYS_RESOURCE"],
            Ambient = ["CAP_SYS_RESOURCE"],
        };

        ProcessIdentity.Apply(new UserSpec(), caps, sys);

        Assert.DoesNotContain("bounding drop 24", sys.Calls);
        Assert.Contains($"capset e={Chown:x} p={Chown:x} i=0", sys.Calls);
        Assert.DoesNotContain("ambient raise 24", sys.Calls);
        Assert.Equal(Chown, sys.Bounding);
    }

    [Fact]
    public void Ambient_caps_need_to_be_permitted_and_inheritable()
    {
        var sys = new RecordingIdentitySyscalls();
        var caps = new CapabilitiesSpec
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL"],
            Permitted = ["CAP_CHOWN", "CAP_KILL"],
            Inheritable = ["CAP_CHOWN"],
            Ambient = ["CAP_CHOWN", "CAP_KILL"],
        };

        ProcessIdentity.Apply(new UserSpec(), caps, sys);

        Assert.Contains("ambient raise 0", sys.Calls);
        Assert.DoesNotContain("ambient raise 5", sys.Calls);
    }

    [Fact]
    public void Without_a_capabilities_section_only_the_ids_change()
    {
        var sys = new RecordingIdentitySyscalls();

        ProcessIdentity.Apply(new UserSpec { Uid = 5, Gid = 6 }, null, sys);

        Assert.Equal(["setgroups []", "setresgid 6", "setresuid 5"], sys.Calls);
    }

    [Fact]
    public void Caps_newer_than_the_kernel_are_ignored()
    {
        var sys = new RecordingIdentitySyscalls { LastCap = 37, Bounding = (1UL << 38) - 1, Current = new((1UL << 38) - 1, (1UL << 38) - 1, 0) };
        var caps = new CapabilitiesSpec { Bounding = ["CAP_BPF", "CAP_CHOWN"], Permitted = ["CAP_BPF", "CAP_CHOWN"] };

        ProcessIdentity.Apply(new UserSpec(), caps, sys);

        Assert.Contains($"capset e=0 p={Chown:x} i=0", sys.Calls);
        Assert.DoesNotContain(sys.Calls, c => c is "bounding drop 38" or "bounding drop 39");
    }

    [Fact]
    public void A_bad_capability_name_fails_before_any_change()
    {
        var sys = new RecordingIdentitySyscalls();
        var e = Assert.Throws<LinuxException>(() =>
            ProcessIdentity.Apply(new UserSpec { Uid = 1 }, new CapabilitiesSpec { Effective = ["CAP_FOO"] }, sys));
        Assert.Equal("unknown capability \"CAP_FOO\"", e.Message);
        Assert.Empty(sys.Calls);
    }
}
