using Berth.Api.Models.Containers;
using System.Text.Json;
using Berth.Engine.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Oci;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// The spec the engine builds for `docker run` runs under Berth's runtime with Docker's confinement in force.
public sealed class ContainerSpecRunTests
{
    [Fact]
    public void DockerDefaultsRunAndConfineABusyboxContainer()
    {
        HostRequirements.EnsureRoot();
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var dir = Directory.CreateTempSubdirectory("berth-it-spec-").FullName;
        try
        {
            var hosts = Path.Combine(dir, "hosts");
            File.WriteAllText(hosts, "127.0.0.1\tlocalhost\n");
            File.WriteAllText(Path.Combine(dir, "hostname"), id[..12] + "\n");
            File.WriteAllText(Path.Combine(dir, "resolv.conf"), "nameserver 192.0.2.1\n");
            var request = new ContainerCreateRequest
            {
                Cmd = ["sh", "-c", "id; hostname; grep CapEff /proc/self/status; cat /etc/hosts; touch /x 2>&1; echo tmp > /run/t && cat /run/t; mkdir /run/d && echo made; cat /proc/kcore 2>&1 | head -c 0; echo done"],
                User = "1000:1000",
                Hostname = id[..12],
                Env = ["A=b"],
                HostConfig = new HostConfig
                {
                    Memory = 32 * 1024 * 1024, ReadonlyRootfs = true, Tmpfs = new() { ["/run"] = "size=1m" }, CapDrop = ["ALL"],
                },
            };
            var spec = ContainerSpecComposer.Compose(request, request.HostConfig, null,
                new SpecPaths(id, BusyboxRootfs.Path, Path.Combine(dir, "hostname"), hosts, Path.Combine(dir, "resolv.conf")),
                BusyboxRootfs.Path);
            var bundle = Path.Combine(dir, "bundle");
            Directory.CreateDirectory(bundle);
            File.WriteAllText(Path.Combine(bundle, "config.json"), JsonSerializer.Serialize(spec, OciJsonContext.Default.RuntimeSpec));

            var result = Command.Run(dir, RepoPaths.BerthBinary, ["runtime", "--root", Path.Combine(dir, "state"), "run", "--bundle", bundle, id[..20]]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("uid=1000(user) gid=1000(user)", result.Stdout);
            Assert.Contains(id[..12], result.Stdout);
            Assert.Contains("CapEff:\t0000000000000000", result.Stdout);
            Assert.Contains("127.0.0.1\tlocalhost", result.Stdout);
            Assert.Contains("Read-only file system", result.Stdout);
            Assert.Contains("tmp", result.Stdout);
            Assert.Contains("made", result.Stdout);
            Assert.EndsWith("done\n", result.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
