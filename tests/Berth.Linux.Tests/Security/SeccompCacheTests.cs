using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Security;

// Compiles into a scratch cache directory; nothing is loaded into this process.
public sealed class SeccompCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-seccomp-cache-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SeccompSpec Spec(int errno) => new()
    {
        DefaultAction = "SCMP_ACT_ALLOW",
        Flags = ["SECCOMP_FILTER_FLAG_LOG"],
        Syscalls = [new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_ERRNO", ErrnoRet = (uint)errno }],
    };

    [Fact]
    public void A_profile_is_compiled_once_and_then_read_back()
    {
        if (!Seccomp.Available) return;
        var first = SeccompCache.Get(Spec(5), _dir);
        var file = Assert.Single(Directory.GetFiles(_dir));
        var written = File.GetLastWriteTimeUtc(file);
        var second = SeccompCache.Get(Spec(5), _dir);

        Assert.Equal(first.Instructions, second.Instructions);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal(SeccompProgram.FlagLog, second.Flags);
        Assert.Equal(0, first.Instructions.Length % 8);
    }

    [Fact]
    public void Different_profiles_get_different_programs()
    {
        if (!Seccomp.Available) return;
        var a = SeccompCache.Get(Spec(5), _dir);
        var b = SeccompCache.Get(Spec(6), _dir);

        Assert.NotEqual(a.Instructions, b.Instructions);
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void A_file_whose_key_does_not_match_is_recompiled_not_trusted()
    {
        if (!Seccomp.Available) return;
        var good = SeccompCache.Get(Spec(5), _dir);
        var file = Assert.Single(Directory.GetFiles(_dir));
        File.WriteAllBytes(file, [4, 0, 0, 0, (byte)'n', (byte)'o', (byte)'p', (byte)'e', 1, 2, 3, 4, 5, 6, 7, 8]);

        var again = SeccompCache.Get(Spec(5), _dir);

        Assert.Equal(good.Instructions, again.Instructions);
    }

    [Fact]
    public void The_file_name_hash_is_fnv1a()
    {
        Assert.Equal(0xcbf29ce484222325UL, SeccompCache.Fnv1a([]));
        Assert.Equal(0xaf63dc4c8601ec8cUL, SeccompCache.Fnv1a("a"u8));
    }
}
