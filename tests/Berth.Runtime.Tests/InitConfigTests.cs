using System.Text;
using Berth.Oci.Runtime;
using Berth.Runtime.Init;

namespace Berth.Runtime.Tests;

public class InitConfigTests
{
    private const string Spec = """{"process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"}, "hostname": "h"}""";

    [Fact]
    public void CreateConfigRoundTripsAndUsesTheSpecProcess()
    {
        var config = new InitConfig
        {
            Id = "c1", Bundle = "/b", Rootfs = "/b/rootfs", NewMountNamespace = true, NewUtsNamespace = true, HasConsoleSocket = true,
            Cgroups = new CgroupLayout { Hierarchies = [new CgroupHierarchy { Name = "memory", Options = "memory", HostPath = "/sys/fs/cgroup/memory/x" }] },
        };
        var back = InitConfig.Parse(Encoding.UTF8.GetString(config.ToJson(Encoding.UTF8.GetBytes(Spec))));
        Assert.Equal(InitConfig.CreateMode, back.Mode);
        Assert.Equal("c1", back.Id);
        Assert.Equal("/b/rootfs", back.Rootfs);
        Assert.True(back.NewMountNamespace && back.NewUtsNamespace && back.HasConsoleSocket && back.WaitForStart);
        Assert.False(back.NewCgroupNamespace);
        Assert.Equal("h", back.Spec.Hostname);
        Assert.Equal(["sh"], back.Process.Args);
        Assert.Equal("/sys/fs/cgroup/memory/x", back.Cgroups!.Hierarchies.Single().HostPath);
    }

    [Fact]
    public void ExecConfigCarriesItsOwnProcess()
    {
        var config = new InitConfig
        {
            Mode = InitConfig.ExecMode,
            Process = new ProcessSpec { Args = ["ps"], User = new UserSpec { Uid = 1000 }, Env = ["X=1"] },
        };
        var back = InitConfig.Parse(Encoding.UTF8.GetString(config.ToJson(Encoding.UTF8.GetBytes(Spec))));
        Assert.Equal(["ps"], back.Process.Args);
        Assert.Equal(1000u, back.Process.User.Uid);
        Assert.Null(back.Cgroups);
    }
}
