using Berth.Engine.Containers.Spec;

namespace Berth.Engine.Tests.Containers;

public sealed class SeccompDefaultTests
{
    [Fact]
    public void The_default_profile_is_composed_once_per_capability_set_whatever_the_order()
    {
        var a = SeccompProfiles.Default(["CAP_CHOWN", "CAP_KILL"]);
        var b = SeccompProfiles.Default(["CAP_KILL", "CAP_CHOWN"]);

        Assert.Same(a, b);
    }

    [Fact]
    public void Capabilities_still_decide_what_the_default_profile_allows()
    {
        var plain = SeccompProfiles.Default(["CAP_CHOWN"]);
        var admin = SeccompProfiles.Default(["CAP_CHOWN", "CAP_SYS_ADMIN"]);

        Assert.DoesNotContain(plain.Syscalls!, s => s.Names.Contains("mount") && s.Action == "SCMP_ACT_ALLOW");
        Assert.Contains(admin.Syscalls!, s => s.Names.Contains("mount") && s.Action == "SCMP_ACT_ALLOW");
    }
}
