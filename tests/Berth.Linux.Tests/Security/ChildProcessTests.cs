using Berth.Linux.Security;

namespace Berth.Linux.Tests.Security;

// The real kernel, in a child process (see ChildProcess). Identity needs root.
public class ChildProcessTests
{
    private static string Ok(string scenario)
    {
        var (code, stdout, stderr) = ChildProcess.Run(scenario);
        Assert.True(code == 0, $"child {scenario} exited {code}: {stderr}");
        return stdout;
    }

    [Fact]
    public void Seccomp_filter_loads_and_answers_with_the_rule_errno()
    {
        if (!Seccomp.Available || Environment.UserName != "root")
            return;
        var output = Ok("seccomp");
        Assert.Contains("getppid rc=-1 errno=123", output);
        Assert.Contains("Seccomp:\t2", output);
        // libseccomp must not set no_new_privs on its own.
        Assert.Contains("NoNewPrivs:\t0", output);
    }

    [Fact]
    public void A_cached_seccomp_program_loads_without_libseccomp()
    {
        if (!Seccomp.Available || Environment.UserName != "root")
            return;
        var output = Ok("seccomp-cached");
        Assert.Contains("files 1", output);
        Assert.Contains("getppid rc=-1 errno=124", output);
        Assert.Contains("Seccomp:\t2", output);
        Assert.Contains("NoNewPrivs:\t0", output);
    }

    [Fact]
    public void Seccomp_tsync_reaches_every_thread()
    {
        if (!Seccomp.Available || Environment.UserName != "root")
            return;
        var words = Ok("seccomp-tsync").Trim().Split(' ');
        Assert.True(int.Parse(words[1]) > 1, "the child should have several threads");
        Assert.Equal(words[1], words[3]);
    }

    [Fact]
    public void Seccomp_load_without_privilege_says_what_it_needs()
    {
        if (!Seccomp.Available || Environment.UserName != "root")
            return;
        Assert.Equal("refused errno=13: load seccomp filter (needs CAP_SYS_ADMIN or noNewPrivileges: " +
                     "load it before dropping capabilities): Permission denied\n", Ok("seccomp-unprivileged"));
    }

    [Fact]
    public void Identity_switches_user_groups_umask_and_capabilities()
    {
        if (Environment.UserName != "root")
            return;
        var output = Ok("identity");
        Assert.Contains("Uid:\t1000\t1000\t1000\t1000", output);
        Assert.Contains("Gid:\t1000\t1000\t1000\t1000", output);
        Assert.Contains("Groups:\t1001 1002", output);
        Assert.Contains("Umask:\t0027", output);
        var kill = 1UL << 5;
        var netBind = 1UL << 10;
        // CAP_SYS_RESOURCE is there only if the host's bounding set has it.
        var hostBounding = Convert.ToUInt64(File.ReadAllLines("/proc/self/status")
            .Single(l => l.StartsWith("CapBnd:", StringComparison.Ordinal))["CapBnd:".Length..].Trim(), 16);
        var expected = (kill | netBind | (1UL << 24)) & hostBounding;
        foreach (var set in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" })
            Assert.Contains($"{set}:\t{expected:x16}", output);
    }

    [Fact]
    public void Rlimits_are_set_or_clamped_with_a_warning()
    {
        var lines = Ok("rlimits").Split('\n');
        var before = lines.Single(l => l.StartsWith("nofile before ", StringComparison.Ordinal)).Split(' ');
        var hard = ulong.Parse(before[3]);
        var after = lines.Single(l => l.StartsWith("nofile after ", StringComparison.Ordinal));
        var warning = lines.SingleOrDefault(l => l.StartsWith("warning rlimit RLIMIT_NOFILE", StringComparison.Ordinal));
        if (warning is null)
            Assert.Equal($"nofile after {hard + 1000} {hard + 1000}", after);
        else
            Assert.Equal($"nofile after {hard} {hard}", after);
        Assert.Contains("core after 0 0", lines);
    }
}
