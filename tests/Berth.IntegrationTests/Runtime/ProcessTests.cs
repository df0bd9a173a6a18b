using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Runtime;

public sealed class ProcessTests
{
    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Exit_code_is_the_process_exit_code(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        rt.Run(rt.NewBundle(["sh", "-c", "exit 3"]), rt.NewId()).ExpectExit(3);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Env_and_cwd_are_applied(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sh", "-c", "pwd; echo \"$GREETING\""], spec =>
        {
            spec.Process!.Env!.Add("GREETING=hello  world");
            spec.Process.Cwd = "/home/user";
        });
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        Assert.Equal("/home/user\nhello  world\n", result.Stdout);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Uid_gid_and_additional_gids_are_applied(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sh", "-c", "id; grep -E '^(Uid|Gid|Groups):' /proc/self/status"], spec =>
            spec.Process!.User = new UserSpec { Uid = 1000, Gid = 1000, AdditionalGids = [10, 20] });
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Equal("uid=1000(user) gid=1000(user) groups=10,20", lines[0]);
        Assert.Equal("Uid:\t1000\t1000\t1000\t1000", lines[1]);
        Assert.Equal("Gid:\t1000\t1000\t1000\t1000", lines[2]);
        Assert.Equal("Groups:\t10 20", lines[3]);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Rlimits_are_lowered_to_the_configured_values(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sh", "-c", "ulimit -Sn; ulimit -Hn; ulimit -Sc; ulimit -Hc"], spec =>
            spec.Process!.Rlimits =
            [
                new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = 256, Hard = 512 },
                new RlimitSpec { Type = "RLIMIT_CORE", Soft = 0, Hard = 0 },
            ]);
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        Assert.Equal("256\n512\n0\n0\n", result.Stdout);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Root_gets_exactly_the_configured_capabilities(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        string[] caps = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_KILL", "CAP_NET_RAW", "CAP_SYS_CHROOT"];
        var bundle = rt.NewBundle(["cat", "/proc/self/status"], spec =>
            spec.Process!.Capabilities = new CapabilitiesSpec { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps] });
        var status = rt.Run(bundle, rt.NewId()).EnsureSuccess().Stdout;
        var mask = Capabilities.Mask(caps);
        Assert.Equal(mask, Capabilities.FromStatus(status, "CapEff"));
        Assert.Equal(mask, Capabilities.FromStatus(status, "CapPrm"));
        Assert.Equal(mask, Capabilities.FromStatus(status, "CapBnd"));
        Assert.Equal(0UL, Capabilities.FromStatus(status, "CapAmb"));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void An_unprivileged_user_keeps_ambient_capabilities(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        // Ambient capabilities must also be inheritable (capabilities(7)), which `runc spec` leaves out.
        var bundle = rt.NewBundle(["cat", "/proc/self/status"], spec =>
        {
            spec.Process!.User = new UserSpec { Uid = 1000, Gid = 1000 };
            spec.Process.Capabilities!.Inheritable = [.. DefaultSpec.DefaultCapabilities];
        });
        var status = rt.Run(bundle, rt.NewId()).EnsureSuccess().Stdout;
        var mask = Capabilities.Mask(DefaultSpec.DefaultCapabilities);
        Assert.Equal(mask, Capabilities.FromStatus(status, "CapEff"));
        Assert.Equal(mask, Capabilities.FromStatus(status, "CapAmb"));
        Assert.Equal(mask, Capabilities.FromStatus(status, "CapBnd"));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void OomScoreAdj_and_noNewPrivileges_are_applied(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        string[] probe = ["sh", "-c", "cat /proc/self/oom_score_adj; grep NoNewPrivs /proc/self/status"];
        var set = rt.Run(rt.NewBundle(probe, spec => spec.Process!.OomScoreAdj = 345), rt.NewId()).EnsureSuccess();
        Assert.Equal("345\nNoNewPrivs:\t1\n", set.Stdout);

        var unset = rt.Run(rt.NewBundle(probe, spec => spec.Process!.NoNewPrivileges = false), rt.NewId()).EnsureSuccess();
        Assert.EndsWith("NoNewPrivs:\t0\n", unset.Stdout);
    }
}
