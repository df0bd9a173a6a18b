using System.Text;
using Berth.Oci.Image;

namespace Berth.Oci.Tests;

// The IDs Docker 20.10 computed for the fixture (tests/fixtures/README.md):
// the same bytes must give the same IDs in Berth.
public class DockerSaveFixtureTests
{
    private const string Fixture = "docker-20.10-save-3layers.tar";

    private static readonly string[] DockerDiffIds =
    [
        "sha256:55dacc42bcb9fa8afa6e2cb3e91cbe33d9b928e31d2d52aa15eec78101fc0629",
        "sha256:93957e3c7fdba10bb734bdc7a3249014fda87c115f7c321649bd079dd4a33490",
        "sha256:3e621c545f470f0226392e59a18b1cdebe9df30573348aa726bde6dc284559ea",
    ];

    [Fact]
    public void ImageIdIsDigestOfStoredConfigBytes()
    {
        var (config, _) = FixtureArchive.ReadImage(Fixture);
        Assert.Equal(
            "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60",
            ImageId.Compute(config).ToString());
    }

    [Fact]
    public void LayerDigestsAreDockersDiffIds()
    {
        var (_, layers) = FixtureArchive.ReadImage(Fixture);
        Assert.Equal(DockerDiffIds, layers.Select(l => Digest.Compute(l).ToString()));
    }

    [Fact]
    public void ConfigParsesWithDockersDiffIdsAndSettings()
    {
        var (configBytes, _) = FixtureArchive.ReadImage(Fixture);
        var config = ImageId.ParseConfig(configBytes);
        Assert.Equal(DockerDiffIds, config.RootFs.DiffIds.Select(d => d.ToString()));
        Assert.Equal("layers", config.RootFs.Type);
        Assert.Equal("amd64", config.Architecture);
        Assert.Equal("linux", config.Os);
        Assert.Equal(["cat", "/data/sub/new"], config.Config!.Cmd!);
        Assert.Contains("FIXTURE=yes", config.Config.Env!);
        Assert.Equal(5, config.History!.Count);
        Assert.True(config.History[3].EmptyLayer);
        Assert.Equal("20.10.24+dfsg1", config.DockerVersion);
    }

    [Fact]
    public void ChainIdsFollowDockersRule()
    {
        var diffIds = DockerDiffIds.Select(Digest.Parse).ToList();
        var chains = ChainId.All(diffIds);

        // Independently: chain(Ln) = sha256("<chain(Ln-1)> <diffid(Ln)>").
        var second = Digest.Compute(Encoding.ASCII.GetBytes($"{DockerDiffIds[0]} {DockerDiffIds[1]}"));
        var third = Digest.Compute(Encoding.ASCII.GetBytes($"{second} {DockerDiffIds[2]}"));

        Assert.Equal([diffIds[0], second, third], chains);
        Assert.Equal(third, ChainId.Of(diffIds));
        // Docker's layer store names: known from `ls /var/lib/docker/image/overlay2/layerdb/sha256`.
        Assert.Equal("sha256:55dacc42bcb9fa8afa6e2cb3e91cbe33d9b928e31d2d52aa15eec78101fc0629", chains[0].ToString());
    }
}
