using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Infrastructure;

// An OCI bundle directory: config.json from DefaultSpec plus the test's changes, rootfs shared read-only.
public sealed class Bundle
{
    public string Dir { get; }
    public string ConfigPath => System.IO.Path.Combine(Dir, "config.json");
    public RuntimeSpec Spec { get; }

    private Bundle(string dir, RuntimeSpec spec)
    {
        Dir = dir;
        Spec = spec;
    }

    public static Bundle Create(string parentDir, string cgroupsPath, string[] args, Action<RuntimeSpec>? change = null)
    {
        var dir = System.IO.Path.Combine(parentDir, "bundle-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var spec = DefaultSpec.Create(BusyboxRootfs.Path, args);
        spec.Linux!.CgroupsPath = cgroupsPath;
        change?.Invoke(spec);
        var bundle = new Bundle(dir, spec);
        bundle.Write();
        return bundle;
    }

    public void Write() => File.WriteAllText(ConfigPath, JsonSerializer.Serialize(Spec, OciJsonContext.Default.RuntimeSpec));

    public void WriteRawConfig(string text) => File.WriteAllText(ConfigPath, text);

    // A tmpfs where tests may write, since the shared rootfs stays read-only.
    public static void AddTmpfs(RuntimeSpec spec, string destination) =>
        spec.Mounts!.Add(new MountSpec { Destination = destination, Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "nodev", "mode=1777"] });
}
