using System.Text;
using System.Text.Json;
using Berth.Oci.Runtime;

namespace Berth.Oci.Tests.Runtime;

public class RuntimeSpecReaderTests
{
    private static RuntimeSpec Read(string json) => RuntimeSpecReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadsWhatTheSerializerWrites()
    {
        var spec = new RuntimeSpec
        {
            Process = new ProcessSpec
            {
                Args = ["sh", "-c", "true"], Env = ["A=1"], Cwd = "/w", Terminal = true,
                User = new UserSpec { Uid = 1000, Gid = 1000, AdditionalGids = [5, 6] },
                Capabilities = new CapabilitiesSpec { Bounding = ["CAP_KILL"], Ambient = ["CAP_KILL"] },
                Rlimits = [new RlimitSpec { Type = "RLIMIT_NOFILE", Hard = 2048, Soft = 1024 }],
                NoNewPrivileges = true, OomScoreAdj = -5,
            },
            Root = new RootSpec { Path = "rootfs", Readonly = true },
            Hostname = "h",
            Mounts = [new MountSpec { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid"] }],
            Hooks = new HooksSpec { Poststop = [new HookSpec { Path = "/bin/true", Timeout = 3 }] },
            Linux = new LinuxSpec
            {
                Namespaces = [new NamespaceSpec { Type = "pid" }, new NamespaceSpec { Type = "network", Path = "/run/netns/x" }],
                Resources = new ResourcesSpec
                {
                    Memory = new MemorySpec { Limit = 1 << 25, Swap = -1 },
                    Cpu = new CpuSpec { Shares = 512, Quota = 50000, Period = 100000, Cpus = "0" },
                    Pids = new PidsSpec { Limit = 10 },
                    Devices = [new DeviceCgroupRule { Allow = false, Access = "rwm" }],
                },
                Seccomp = new SeccompSpec
                {
                    DefaultAction = "SCMP_ACT_ALLOW",
                    Syscalls = [new SeccompSyscall { Names = ["mkdir"], Action = "SCMP_ACT_ERRNO", Args = [new SeccompArg { Index = 1, Value = 2, Op = "SCMP_CMP_EQ" }] }],
                },
                Sysctl = new() { ["net.ipv4.ip_forward"] = "1" },
                MaskedPaths = ["/proc/kcore"],
            },
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(spec, OciJsonContext.Default.RuntimeSpec);
        var back = RuntimeSpecReader.Read(json);
        Assert.Equal(json, JsonSerializer.SerializeToUtf8Bytes(back, OciJsonContext.Default.RuntimeSpec));
    }

    [Theory]
    [InlineData("""{"process": {"user": {"uid": "root"}}}""", "process.user.uid must be")]
    [InlineData("""{"mounts": {"destination": "/x"}}""", "mounts must be an array")]
    [InlineData("""{"linux": {"namespaces": [{"type": 3}]}}""", "linux.namespaces[0].type must be a string")]
    [InlineData("""{"process": {"args": ["a", 1]}}""", "process.args must be an array of strings")]
    [InlineData("""[]""", "config.json must be a JSON object")]
    public void WrongTypesNameTheField(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => Read(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TheSeccompProfileKeepsItsSourceBytes()
    {
        const string profile = """{"defaultAction": "SCMP_ACT_ERRNO",  "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW"}]}""";
        var spec = Read("{\"linux\": {\"seccomp\": " + profile + "}}");
        Assert.Equal(profile, System.Text.Encoding.UTF8.GetString(spec.Linux!.Seccomp!.SourceJson!));
        Assert.Equal("read", spec.Linux.Seccomp.Syscalls![0].Names[0]);
    }

    [Fact]
    public void MalformedJsonIsAJsonException() => Assert.ThrowsAny<JsonException>(() => Read("{\"process\": "));

    [Fact]
    public void UnknownFieldsAndNullsAreIgnored()
    {
        var spec = Read("""{"ociVersion": "1.0.2", "future": {"x": 1}, "hostname": null, "root": {"path": "r"}}""");
        Assert.Equal("r", spec.Root!.Path);
        Assert.Null(spec.Hostname);
    }
}
