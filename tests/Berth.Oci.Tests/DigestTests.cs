using System.Text;
using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.Oci.Tests;

public class DigestTests
{
    // sha256("") and sha256("abc"), from FIPS 180-2.
    private const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string AbcSha256 = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void ComputesKnownVectors()
    {
        Assert.Equal(EmptySha256, Digest.Compute(ReadOnlySpan<byte>.Empty).ToString());
        Assert.Equal(AbcSha256, Digest.Compute("abc"u8).ToString());
        Assert.Equal(AbcSha256, Digest.Compute(new MemoryStream(Encoding.ASCII.GetBytes("abc"))).ToString());
    }

    [Fact]
    public void ParsesAndComparesByValue()
    {
        var parsed = Digest.Parse(AbcSha256);
        Assert.Equal("sha256", parsed.Algorithm);
        Assert.Equal(AbcSha256[7..], parsed.Hex);
        Assert.Equal(Digest.Compute("abc"u8), parsed);
        Assert.NotEqual(Digest.Parse(EmptySha256), parsed);
        Assert.Equal("ba7816bf8f01", parsed.ShortHex);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("sha256:ba7816bf")]
    [InlineData("md5:ba7816bf8f01cfea414140de5dae2223")]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015aZ")]
    [InlineData("sha256:../../../../etc/passwd")]
    public void RejectsMalformed(string value)
    {
        Assert.False(Digest.TryParse(value, out _));
        var error = Assert.Throws<FormatException>(() => Digest.Parse(value));
        Assert.StartsWith("invalid digest", error.Message);
    }

    [Fact]
    public void RoundTripsThroughJsonAndRejectsBadDigests()
    {
        var json = $$"""{"mediaType":"{{MediaTypes.OciLayerGzip}}","digest":"{{AbcSha256}}","size":3}""";
        var descriptor = JsonSerializer.Deserialize(json, ImageJson.Context.Descriptor)!;
        Assert.Equal(Digest.Parse(AbcSha256), descriptor.Digest);
        Assert.Equal(json, JsonSerializer.Serialize(descriptor, ImageJson.Context.Descriptor));

        Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize("""{"mediaType":"x","digest":"sha256:nope","size":3}""", ImageJson.Context.Descriptor));
    }
}
