using Berth.Images.References;

namespace Berth.Images.Tests;

// Docker's reference rules, vector by vector.
public class ReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36")]
    [InlineData("library/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("docker.io/library/busybox:x", "docker.io/library/busybox:x", "busybox:x")]
    [InlineData("index.docker.io/library/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("user/app:v1", "docker.io/user/app:v1", "user/app:v1")]
    [InlineData("localhost:5000/x/y:tag", "localhost:5000/x/y:tag", "localhost:5000/x/y:tag")]
    [InlineData("localhost/x", "localhost/x:latest", "localhost/x:latest")]
    [InlineData("ghcr.io/a/b-c_d.e:1.0-rc", "ghcr.io/a/b-c_d.e:1.0-rc", "ghcr.io/a/b-c_d.e:1.0-rc")]
    [InlineData("Registry.Example.com:443/a", "Registry.Example.com:443/a:latest", "Registry.Example.com:443/a:latest")]
    public void NormalizesAndShowsAsDockerDoes(string input, string normalized, string familiar)
    {
        var reference = ImageReference.ParseWithDefaultTag(input);
        Assert.Equal(normalized, reference.ToString());
        Assert.Equal(familiar, reference.ToFamiliarString());
    }

    [Fact]
    public void DigestReferencesKeepTheDigest()
    {
        const string digest = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60";
        var reference = ImageReference.ParseWithDefaultTag($"busybox@{digest}");
        Assert.Null(reference.Tag);
        Assert.Equal(digest, reference.Digest.ToString());
        Assert.Equal($"docker.io/library/busybox@{digest}", reference.ToString());
        Assert.Equal($"busybox@{digest}", reference.ToFamiliarString());

        var both = ImageReference.Parse($"localhost:5000/x:1@{digest}");
        Assert.Equal("1", both.Tag);
        Assert.Equal("localhost:5000", both.Domain);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":tag")]
    [InlineData("busybox:")]
    [InlineData("a//b")]
    [InlineData("-busybox")]
    [InlineData("busybox:-tag")]
    [InlineData("busy box")]
    [InlineData("busybox@sha256:abc")]
    [InlineData("b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60")]
    public void RejectsInvalidReferences(string input)
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse(input));
        Assert.StartsWith("invalid", e.Message);
    }

    [Fact]
    public void UppercaseRepositoryIsRejectedWithDockersMessage()
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("BusyBox"));
        Assert.Equal("invalid reference format: repository name (library/BusyBox) must be lowercase", e.Message);
    }

    [Fact]
    public void PlainInvalidFormatMessage()
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("busybox:bad tag"));
        Assert.Equal("invalid reference format", e.Message);
    }
}
