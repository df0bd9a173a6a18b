using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.Oci.Tests;

public class ManifestTests
{
    [Fact]
    public void ReadsDockerSchema2Manifest()
    {
        const string json = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":2124,
                       "digest":"sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60"},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":10,
                        "digest":"sha256:55dacc42bcb9fa8afa6e2cb3e91cbe33d9b928e31d2d52aa15eec78101fc0629"}]}
            """;
        var manifest = JsonSerializer.Deserialize(json, ImageJson.Context.ImageManifest)!;
        Assert.True(MediaTypes.IsManifest(manifest.MediaType));
        Assert.Equal(MediaTypes.DockerConfig, manifest.Config.MediaType);
        Assert.Equal(2124, manifest.Config.Size);
        Assert.True(MediaTypes.IsLayer(Assert.Single(manifest.Layers).MediaType));
    }

    [Fact]
    public void ReadsOciIndexWithPlatformsAndWritesItBack()
    {
        const string json = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
             "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7,
                           "digest":"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                           "platform":{"architecture":"arm64","os":"linux","variant":"v8","os.version":"1"}}],
             "annotations":{"org.opencontainers.image.ref.name":"latest"}}
            """;
        var index = JsonSerializer.Deserialize(json, ImageJson.Context.ImageIndex)!;
        Assert.True(MediaTypes.IsIndex(index.MediaType));
        var platform = Assert.Single(index.Manifests).Platform!;
        Assert.Equal(("arm64", "linux", "v8", "1"), (platform.Architecture, platform.Os, platform.Variant, platform.OsVersion));

        var again = JsonSerializer.Deserialize(
            JsonSerializer.Serialize(index, ImageJson.Context.ImageIndex), ImageJson.Context.ImageIndex)!;
        Assert.Equal("latest", again.Annotations!["org.opencontainers.image.ref.name"]);
        Assert.Equal(index.Manifests[0].Digest, again.Manifests[0].Digest);
    }

    [Fact]
    public void ConfigKeepsExposedPortsVolumesAndHealthcheck()
    {
        const string json = """
            {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},
             "config":{"ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},"StopSignal":"SIGQUIT",
                       "Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"Retries":3}}}
            """;
        var config = JsonSerializer.Deserialize(json, ImageJson.Context.ImageConfig)!;
        Assert.Contains("80/tcp", config.Config!.ExposedPorts!.Keys);
        Assert.Contains("/data", config.Config.Volumes!.Keys);
        Assert.Equal(30_000_000_000, config.Config.Healthcheck!.Interval);
        var written = JsonSerializer.Serialize(config, ImageJson.Context.ImageConfig);
        Assert.Contains("\"ExposedPorts\":{\"80/tcp\":{}}", written);
        Assert.Contains("\"diff_ids\":[]", written);
    }
}
