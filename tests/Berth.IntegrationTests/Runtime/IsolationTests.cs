using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Runtime;

// maskedPaths, readonlyPaths and seccomp, each checked against a control run without them,
// so a runtime that fails to mount /proc or /sys at all cannot pass.
public sealed class IsolationTests
{
    private const string ReadMasked = "wc -c < /proc/timer_list; wc -c < /proc/keys; ls -A /sys/firmware | wc -l";

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Masked_paths_read_as_empty(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var masked = rt.Run(rt.NewBundle(["sh", "-c", ReadMasked]), rt.NewId()).EnsureSuccess();
        Assert.Equal(["0", "0", "0"], Numbers(masked.Stdout));

        var control = rt.Run(rt.NewBundle(["sh", "-c", ReadMasked], spec => spec.Linux!.MaskedPaths = []), rt.NewId()).EnsureSuccess();
        Assert.All(Numbers(control.Stdout), n => Assert.NotEqual("0", n));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Readonly_paths_cannot_be_written(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        const string write = "echo berth.test > /proc/sys/kernel/domainname && cat /proc/sys/kernel/domainname";
        var denied = rt.Run(rt.NewBundle(["sh", "-c", write]), rt.NewId());
        Assert.True(denied.ExitCode != 0, denied.ToString());
        Assert.Contains("Read-only file system", denied.Stderr);

        // Only the container's UTS namespace sees this write.
        var control = rt.Run(rt.NewBundle(["sh", "-c", write], spec => spec.Linux!.ReadonlyPaths = []), rt.NewId()).EnsureSuccess();
        Assert.Equal("berth.test", control.Stdout.Trim());
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Seccomp_denies_a_syscall_with_eperm(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        string[] args = ["sh", "-c", "mkdir /tmp/x && echo created"];
        var denied = rt.Run(rt.NewBundle(args, spec =>
        {
            Bundle.AddTmpfs(spec, "/tmp");
            spec.Linux!.Seccomp = new SeccompSpec
            {
                DefaultAction = "SCMP_ACT_ALLOW",
                Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                Syscalls = [new SeccompSyscall { Names = ["mkdir", "mkdirat"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 1 }],
            };
        }), rt.NewId());
        Assert.True(denied.ExitCode != 0, denied.ToString());
        Assert.Contains("Operation not permitted", denied.Stderr);

        var control = rt.Run(rt.NewBundle(args, spec => Bundle.AddTmpfs(spec, "/tmp")), rt.NewId()).EnsureSuccess();
        Assert.Equal("created", control.Stdout.Trim());
    }

    private static string[] Numbers(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
