using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Runtime;

// Rejected bundles: a non-zero exit, nothing run, nothing left behind; Berth also promises
// exactly one line on stderr (DESIGN.md, "Errors and bad input"), runc's wording is its own.
public sealed class BadInputTests
{
    private static readonly string[] Canary = ["echo", "container-ran"];

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Invalid_config_json_is_rejected(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(Canary);
        bundle.WriteRawConfig("{ \"ociVersion\": \"1.2.0\", \"process\": { this is not json");
        AssertRejected(rt, bundle);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Missing_rootfs_is_rejected(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        AssertRejected(rt, rt.NewBundle(Canary, spec => spec.Root!.Path = Path.Combine(rt.WorkDir, "no-such-rootfs")));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Unknown_namespace_type_is_rejected(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        AssertRejected(rt, rt.NewBundle(Canary, spec => spec.Linux!.Namespaces!.Add(new NamespaceSpec { Type = "bogus" })));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Unknown_capability_is_rejected(string runtime)
    {
        Skip.If(runtime == RuntimeUnderTest.Runc, "runc 1.1 only warns about unknown capabilities and runs the container");
        using var rt = RuntimeUnderTest.For(runtime);
        AssertRejected(rt, rt.NewBundle(Canary, spec => spec.Process!.Capabilities!.Bounding!.Add("CAP_BOGUS")));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void User_namespace_is_refused_as_not_supported_yet(string runtime)
    {
        Skip.If(runtime == RuntimeUnderTest.Runc, "runc supports user namespaces; Berth refuses them for now");
        using var rt = RuntimeUnderTest.For(runtime);
        var result = AssertRejected(rt, rt.NewBundle(Canary, spec =>
        {
            spec.Linux!.Namespaces!.Add(new NamespaceSpec { Type = "user" });
            spec.Linux.UidMappings = [new IdMapping { ContainerID = 0, HostID = 100000, Size = 65536 }];
            spec.Linux.GidMappings = [new IdMapping { ContainerID = 0, HostID = 100000, Size = 65536 }];
        }));
        Assert.Contains("not supported", result.Stderr);
    }

    private static CommandResult AssertRejected(RuntimeUnderTest rt, Bundle bundle)
    {
        // A runtime that rejects everything (or is missing a subcommand) must not pass these tests.
        var control = rt.Run(rt.NewBundle(Canary), rt.NewId()).EnsureSuccess();
        Assert.Equal("container-ran", control.Stdout.Trim());

        var id = rt.NewId();
        var result = rt.Run(bundle, id);
        Assert.True(result.ExitCode != 0, $"expected a failure: {result}");
        Assert.DoesNotContain("container-ran", result.Stdout);
        if (rt.IsBerth)
            Assert.True(result.StderrLines.Length == 1 && result.StderrLines[0].Trim().Length > 0, $"expected one line on stderr: {result}");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(rt.StateRoot), entry => entry.Contains(id, StringComparison.Ordinal));
        Assert.Empty(HostInspection.CgroupDirs(bundle.Spec.Linux!.CgroupsPath!));
        Assert.Empty(HostInspection.MountPointsContaining(bundle.Dir));
        return result;
    }
}
