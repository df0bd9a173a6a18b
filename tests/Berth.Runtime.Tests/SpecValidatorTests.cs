using Berth.Oci.Runtime;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests;

public sealed class SpecValidatorTests : IDisposable
{
    private readonly string _bundle = Directory.CreateTempSubdirectory("berth-bundle-").FullName;

    public SpecValidatorTests() => Directory.CreateDirectory(Path.Combine(_bundle, "rootfs"));

    public void Dispose() => Directory.Delete(_bundle, recursive: true);

    private static RuntimeSpec Valid() => DefaultSpec.Create();

    private string Error(RuntimeSpec spec) => Assert.Throws<RuntimeException>(() => SpecValidator.Validate(spec, _bundle)).Message;

    [Fact]
    public void DefaultSpecIsValid() => SpecValidator.Validate(Valid(), _bundle);

    [Fact]
    public void UnknownNamespace()
    {
        var spec = Valid();
        spec.Linux!.Namespaces!.Add(new NamespaceSpec { Type = "bogus" });
        Assert.Contains("unknown namespace type \"bogus\"", Error(spec));
    }

    [Fact]
    public void UserNamespaceIsNotSupportedYet()
    {
        var spec = Valid();
        spec.Linux!.Namespaces!.Add(new NamespaceSpec { Type = "user" });
        Assert.Contains("not supported yet", Error(spec));
    }

    [Fact]
    public void MissingRootfs()
    {
        var spec = Valid();
        spec.Root!.Path = "nope";
        Assert.Contains("does not exist", Error(spec));
    }

    [Fact]
    public void HostnameNeedsUtsNamespace()
    {
        var spec = Valid();
        spec.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts");
        Assert.Contains("uts", Error(spec));
    }

    [Fact]
    public void RelativeMountDestination()
    {
        var spec = Valid();
        spec.Mounts!.Add(new MountSpec { Destination = "tmp", Type = "tmpfs" });
        Assert.Contains("not absolute", Error(spec));
    }

    [Fact]
    public void DefaultDeviceRulesAreAddedOnlyWhenTheSpecHasDeviceRules()
    {
        Assert.Null(DefaultDeviceRules.WithDefaults(new ResourcesSpec(), null)!.Devices);
        var rules = DefaultDeviceRules.WithDefaults(Valid().Linux!.Resources, [new DeviceSpec { Type = "c", Path = "/dev/fuse", Major = 10, Minor = 229 }])!.Devices!;
        Assert.False(rules[0].Allow);
        Assert.Contains(rules, r => r.Allow && r.Major == 1 && r.Minor == 3);
        Assert.Contains(rules, r => r.Allow && r.Major == 10 && r.Minor == 229);
    }
}
