using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Security;

// Compiles filters and reads back libseccomp's PFC text; nothing is loaded here.
public class SeccompFilterTests
{
    private static SeccompSpec Spec(string defaultAction, params SeccompSyscall[] syscalls) => new()
    {
        DefaultAction = defaultAction,
        Architectures = ["SCMP_ARCH_X86_64"],
        Syscalls = [.. syscalls],
    };

    [Fact]
    public void Available_on_this_host() => Assert.True(Seccomp.Available);

    [Fact]
    public void Rules_name_their_syscalls_and_actions()
    {
        var pfc = Seccomp.ExportPfc(Spec("SCMP_ACT_ERRNO",
            new SeccompSyscall { Names = ["getppid", "uname"], Action = "SCMP_ACT_ALLOW" },
            new SeccompSyscall { Names = ["mount"], Action = "SCMP_ACT_KILL_PROCESS" }));

        Assert.Contains("getppid", pfc);
        Assert.Contains("uname", pfc);
        Assert.Contains("mount", pfc);
        Assert.Contains("action ALLOW;", pfc);
        Assert.Contains("action KILL_PROCESS;", pfc);
        Assert.Contains("action ERRNO(1);", pfc);
    }

    [Fact]
    public void Default_errno_and_rule_errno_are_used()
    {
        var spec = Spec("SCMP_ACT_ERRNO", new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 38 });
        spec.DefaultErrnoRet = 13;
        var pfc = Seccomp.ExportPfc(spec);
        Assert.Contains("action ERRNO(38);", pfc);
        Assert.Contains("action ERRNO(13);", pfc);
    }

    [Fact]
    public void Unknown_syscall_names_and_rules_equal_to_the_default_are_skipped()
    {
        var pfc = Seccomp.ExportPfc(Spec("SCMP_ACT_ALLOW",
            new SeccompSyscall { Names = ["no_such_syscall_xyz", "getppid"], Action = "SCMP_ACT_ERRNO" },
            new SeccompSyscall { Names = ["uname"], Action = "SCMP_ACT_ALLOW" }));

        Assert.Contains("getppid", pfc);
        Assert.DoesNotContain("uname", pfc);
        Assert.DoesNotContain("no_such_syscall_xyz", pfc);
    }

    [Fact]
    public void Arguments_become_comparisons()
    {
        var pfc = Seccomp.ExportPfc(Spec("SCMP_ACT_ALLOW", new SeccompSyscall
        {
            Names = ["personality"],
            Action = "SCMP_ACT_ERRNO",
            Args = [new SeccompArg { Index = 0, Value = 0xffffffff, Op = "SCMP_CMP_EQ" }],
        }));

        Assert.Contains("personality", pfc);
        Assert.Contains("$a0.hi32 == 0", pfc);
        Assert.Contains("$a0.lo32 == 4294967295", pfc);
    }

    [Fact]
    public void Repeated_argument_indexes_become_one_rule_each()
    {
        // Docker's profile writes personality(0), personality(8), ... this way; one rule
        // with both comparisons would be rejected by libseccomp.
        var pfc = Seccomp.ExportPfc(Spec("SCMP_ACT_ERRNO", new SeccompSyscall
        {
            Names = ["personality"],
            Action = "SCMP_ACT_ALLOW",
            Args =
            [
                new SeccompArg { Index = 0, Value = 0, Op = "SCMP_CMP_EQ" },
                new SeccompArg { Index = 0, Value = 8, Op = "SCMP_CMP_EQ" },
            ],
        }));

        Assert.Contains("$a0.lo32 == 0", pfc);
        Assert.Contains("$a0.lo32 == 8", pfc);
    }

    [Fact]
    public void Masked_eq_uses_value_as_mask_and_valueTwo_as_value()
    {
        var pfc = Seccomp.ExportPfc(Spec("SCMP_ACT_ALLOW", new SeccompSyscall
        {
            Names = ["clone"],
            Action = "SCMP_ACT_ERRNO",
            Args = [new SeccompArg { Index = 0, Value = 0x7e020000, ValueTwo = 0x10000000, Op = "SCMP_CMP_MASKED_EQ" }],
        }));

        Assert.Contains("$a0.lo32 & 0x7e020000 == 268435456", pfc);
    }

    [Fact]
    public void Listed_architectures_are_added()
    {
        var spec = Spec("SCMP_ACT_ALLOW", new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_ERRNO" });
        spec.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
        var pfc = Seccomp.ExportPfc(spec);
        Assert.Contains("# filter for arch x86_64 ", pfc);
        Assert.Contains("# filter for arch x86 ", pfc);
        Assert.Contains("# filter for arch x32 ", pfc);
    }

    [Fact]
    public void Flags_are_accepted()
    {
        var spec = Spec("SCMP_ACT_ALLOW", new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_LOG" });
        spec.Flags = ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"];
        Assert.Contains("action LOG;", Seccomp.ExportPfc(spec));
    }

    [Fact]
    public void A_docker_style_profile_compiles_across_its_architectures()
    {
        // Names of other arches (socketcall, _llseek), of newer kernels and of no kernel at all
        // are all normal in real profiles and must not break the compile.
        var pfc = Seccomp.ExportPfc(new SeccompSpec
        {
            DefaultAction = "SCMP_ACT_ERRNO",
            DefaultErrnoRet = 1,
            Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            Syscalls =
            [
                new SeccompSyscall
                {
                    Names = ["read", "write", "socketcall", "_llseek", "futex_waitv", "landlock_create_ruleset", "totally_made_up"],
                    Action = "SCMP_ACT_ALLOW",
                },
                new SeccompSyscall { Names = ["clone3"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 38 },
                new SeccompSyscall
                {
                    Names = ["socket"],
                    Action = "SCMP_ACT_ALLOW",
                    Args = [new SeccompArg { Index = 0, Value = 40, Op = "SCMP_CMP_NE" }],
                },
            ],
        });

        Assert.Contains("\"socketcall\"", pfc);
        Assert.Contains("\"_llseek\"", pfc);
        Assert.Contains("action ERRNO(38);", pfc);
        Assert.DoesNotContain("totally_made_up", pfc);
    }

    [Fact]
    public void A_profile_of_many_syscalls_is_searched_as_a_binary_tree()
    {
        // Docker's profile allows some 350 syscalls; tested one after another the kernel takes 1.5 ms to load it.
        var names = new[] { "read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek", "mmap", "mprotect",
            "munmap", "brk", "rt_sigaction", "rt_sigprocmask", "ioctl", "pread64", "pwrite64", "readv", "writev", "access",
            "pipe", "select", "sched_yield", "mremap", "msync", "mincore", "madvise", "dup", "dup2", "pause", "nanosleep" };
        var pfc = Seccomp.ExportPfc(Spec("SCMP_ACT_ERRNO", new SeccompSyscall { Names = [.. names], Action = "SCMP_ACT_ALLOW" }));

        Assert.Contains("if ($syscall > ", pfc);
        foreach (var name in names) Assert.Contains($"\"{name}\"", pfc);
    }

    [Fact]
    public void Validate_names_the_bad_value()
    {
        static string Fail(SeccompSpec spec) => Assert.Throws<LinuxException>(() => Seccomp.Validate(spec)).Message;

        Seccomp.Validate(Spec("SCMP_ACT_ALLOW", new SeccompSyscall { Names = ["not_a_syscall"], Action = "SCMP_ACT_ERRNO" }));
        Assert.Equal("unknown seccomp action \"SCMP_ACT_BOGUS\"", Fail(Spec("SCMP_ACT_BOGUS")));
        Assert.Equal("unknown seccomp action \"DENY\"",
            Fail(Spec("SCMP_ACT_ALLOW", new SeccompSyscall { Names = ["getppid"], Action = "DENY" })));
        Assert.Equal("unknown seccomp operator \"SCMP_CMP_XX\"", Fail(Spec("SCMP_ACT_ALLOW", new SeccompSyscall
        {
            Names = ["getppid"], Action = "SCMP_ACT_ERRNO", Args = [new SeccompArg { Op = "SCMP_CMP_XX" }],
        })));
        Assert.Equal("seccomp rule for getppid: argument index 6 is out of range (0-5)", Fail(Spec("SCMP_ACT_ALLOW",
            new SeccompSyscall
            {
                Names = ["getppid"], Action = "SCMP_ACT_ERRNO", Args = [new SeccompArg { Index = 6, Op = "SCMP_CMP_EQ" }],
            })));
        Assert.Equal("unknown seccomp architecture \"SCMP_ARCH_PDP11\"",
            Fail(new SeccompSpec { DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_PDP11"] }));
        Assert.Equal("unknown seccomp flag \"SECCOMP_FILTER_FLAG_X\"",
            Fail(new SeccompSpec { DefaultAction = "SCMP_ACT_ALLOW", Flags = ["SECCOMP_FILTER_FLAG_X"] }));
        Assert.Equal("seccomp notify is not supported yet",
            Fail(new SeccompSpec { DefaultAction = "SCMP_ACT_ALLOW", ListenerPath = "/run/x.sock" }));
        Assert.Equal("seccomp notify is not supported yet",
            Fail(Spec("SCMP_ACT_ALLOW", new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_NOTIFY" })));
        Assert.Equal("seccomp rule with action SCMP_ACT_ERRNO names no syscalls",
            Fail(Spec("SCMP_ACT_ALLOW", new SeccompSyscall { Names = [], Action = "SCMP_ACT_ERRNO" })));
    }
}
