using Berth.Linux.Native;
using Berth.Oci.Runtime;
using static Berth.Linux.Security.SeccompNative;

namespace Berth.Linux.Security;

// A compiled libseccomp filter context for one OCI seccomp spec.
public sealed unsafe class SeccompFilter : IDisposable
{
    private const int EACCES = 13;
    private const int EEXIST = 17;
    internal const uint BinaryTree = 2;

    private nint _ctx;

    private SeccompFilter(nint ctx) => _ctx = ctx;

    public static SeccompFilter Compile(SeccompSpec spec)
    {
        Seccomp.Validate(spec);
        var defaultAction = SeccompEncoding.Action(spec.DefaultAction, spec.DefaultErrnoRet);
        var ctx = seccomp_init(defaultAction);
        if (ctx == 0)
            throw new LinuxException($"seccomp: libseccomp rejected default action {spec.DefaultAction}");
        var filter = new SeccompFilter(ctx);
        try
        {
            filter.Configure(spec, defaultAction);
            return filter;
        }
        catch
        {
            filter.Dispose();
            throw;
        }
    }

    public void Load()
    {
        var rc = seccomp_load(_ctx);
        // The kernel takes a filter only from a thread with no_new_privs or CAP_SYS_ADMIN.
        Check(rc, rc == -EACCES
            ? "load seccomp filter (needs CAP_SYS_ADMIN or noNewPrivileges: load it before dropping capabilities)"
            : "load seccomp filter");
    }

    // The BPF program libseccomp generates for this filter, to be loaded later without libseccomp. A program
    // has at most 4096 instructions of 8 bytes, so it fits in a pipe's buffer and the write cannot block.
    public byte[] ExportBpf()
    {
        var (read, write) = Fd.Pipe();
        try
        {
            Check(seccomp_export_bpf(_ctx, write), "export seccomp filter");
            Fd.Close(write);
            write = -1;
            using var program = new MemoryStream();
            Span<byte> buffer = stackalloc byte[8192];
            int n;
            while ((n = Fd.Read(read, buffer)) > 0) program.Write(buffer[..n]);
            return program.ToArray();
        }
        finally
        {
            if (write >= 0) Fd.Close(write);
            Fd.Close(read);
        }
    }

    /// <summary>Writes libseccomp's human-readable form of the filter (PFC) to fd.</summary>
    internal void ExportPfc(int fd) => Check(seccomp_export_pfc(_ctx, fd), "export seccomp filter");

    public void Dispose()
    {
        if (_ctx != 0)
            seccomp_release(_ctx);
        _ctx = 0;
    }

    private void Configure(SeccompSpec spec, uint defaultAction)
    {
        // no_new_privs is the runtime's decision (process.noNewPrivileges), not libseccomp's.
        Check(seccomp_attr_set(_ctx, SCMP_FLTATR_CTL_NNP, 0), "seccomp: clear no_new_privs attribute");
        // Without it libseccomp reports every kernel refusal of the load as ECANCELED.
        // libseccomp before 2.5 lacks the attribute; the load then still works, less clearly.
        _ = seccomp_attr_set(_ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
        // Syscalls sorted into a binary tree rather than tested one after another: the same decisions, but the kernel
        // checks Docker's profile in 0.6 ms instead of 1.5 at the load (it runs the filter for every syscall number
        // to build its cache), which is on every container's start, and each syscall is filtered faster after.
        // libseccomp before 2.5 lacks it and keeps the linear filter.
        _ = seccomp_attr_set(_ctx, SCMP_FLTATR_CTL_OPTIMIZE, BinaryTree);
        foreach (var flag in spec.Flags ?? [])
        {
            var attr = flag switch
            {
                "SECCOMP_FILTER_FLAG_TSYNC" => SCMP_FLTATR_CTL_TSYNC,
                "SECCOMP_FILTER_FLAG_LOG" => SCMP_FLTATR_CTL_LOG,
                "SECCOMP_FILTER_FLAG_SPEC_ALLOW" => SCMP_FLTATR_CTL_SSB,
                // Only changes how a notify listener waits; notify is refused by Validate.
                _ => 0,
            };
            if (attr != 0)
                Check(seccomp_attr_set(_ctx, attr, 1), $"seccomp: set {flag}");
        }

        // The native architecture is always in a new context (as with runc); listed ones are added.
        foreach (var arch in spec.Architectures ?? [])
        {
            var token = seccomp_arch_resolve_name(SeccompEncoding.Arch(arch));
            if (token == 0)
                throw new LinuxException($"seccomp architecture {arch} is not supported by this libseccomp");
            var rc = seccomp_arch_add(_ctx, token);
            if (rc != -EEXIST)
                Check(rc, $"seccomp: add architecture {arch}");
        }

        foreach (var syscall in spec.Syscalls ?? [])
        {
            var action = SeccompEncoding.Action(syscall.Action, syscall.ErrnoRet);
            // libseccomp refuses rules that repeat the default action; they change nothing.
            if (action == defaultAction)
                continue;
            var conditions = (syscall.Args ?? []).Select(Condition).ToArray();
            foreach (var name in syscall.Names)
            {
                var nr = seccomp_syscall_resolve_name(name);
                // Profiles list syscalls of newer kernels and other arches; runc skips them too.
                if (nr == NrScmpError)
                    continue;
                AddRules(name, nr, action, conditions);
            }
        }
    }

    private void AddRules(string name, int nr, uint action, ScmpArgCmp[] conditions)
    {
        // libseccomp rejects two comparisons of the same argument in one rule; like runc,
        // such a rule becomes one rule per comparison (so any of them matches).
        var repeated = conditions.GroupBy(c => c.Arg).Any(g => g.Count() > 1);
        if (!repeated)
        {
            Add(name, nr, action, conditions);
            return;
        }
        foreach (var condition in conditions)
            Add(name, nr, action, [condition]);
    }

    private void Add(string name, int nr, uint action, ScmpArgCmp[] conditions)
    {
        fixed (ScmpArgCmp* p = conditions)
            Check(seccomp_rule_add_array(_ctx, action, nr, (uint)conditions.Length, p), $"seccomp: add rule for {name}");
    }

    private static ScmpArgCmp Condition(SeccompArg arg) => new()
    {
        Arg = arg.Index,
        Op = SeccompEncoding.Op(arg.Op),
        DatumA = arg.Value,
        DatumB = arg.ValueTwo,
    };

    private static void Check(int rc, string what)
    {
        if (rc < 0)
            throw new SyscallException(what, -rc);
    }
}
