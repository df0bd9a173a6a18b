using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Engine.Volumes;

namespace Berth.Engine.Tests.Volumes;

public sealed class ContainerVolumePlanTests
{
    [Fact]
    public void Named_anonymous_mount_and_image_volumes()
    {
        var hc = new HostConfig
        {
            Binds = ["data:/data", "/host:/host", "/anon", "cache:/cache:ro,nocopy"],
            Mounts = [new Mount { Type = "volume", Target = "/m" }, new Mount { Type = "volume", Source = "named", Target = "/n", VolumeOptions = new VolumeOptions { NoCopy = true } }],
        };
        var plan = ContainerVolumePlan.Build(hc, ["/etc", "/data", "/host"]);
        Assert.Collection(plan,
            v => { Assert.Equal(("data", "data", "/data", false, true, "z", true), (v.Name, v.Key, v.Destination, v.Anonymous, v.ReadWrite, v.Mode, v.CopyData)); },
            v => { Assert.True(v.Anonymous); Assert.Matches("^[0-9a-f]{64}$", v.Name); Assert.Equal(("/anon", "/anon", ""), (v.Key, v.Destination, v.Mode)); },
            v => { Assert.Equal(("cache", false, "ro,nocopy", false), (v.Name, v.ReadWrite, v.Mode, v.CopyData)); },
            v => { Assert.True(v.Anonymous); Assert.Equal(("/m", ""), (v.Key, v.Mode)); Assert.True(v.CopyData); },
            v => { Assert.Equal(("named", "named", false), (v.Name, v.Key, v.CopyData)); },
            v => { Assert.True(v.Anonymous); Assert.Equal(("/etc", "/etc", true), (v.Key, v.Destination, v.CopyData)); });
    }

    [Fact]
    public void A_bad_name_is_refused_with_dockerds_reason() =>
        Assert.StartsWith("create a: volume name is too short",
            Assert.Throws<ContainerSpecException>(() => ContainerVolumePlan.Build(new HostConfig { Binds = ["a:/x"] }, null)).Message);
}
