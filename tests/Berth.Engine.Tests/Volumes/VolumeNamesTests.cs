using Berth.Engine.Volumes;

namespace Berth.Engine.Tests.Volumes;

public sealed class VolumeNamesTests
{
    [Theory]
    [InlineData("data")]
    [InlineData("ab")]
    [InlineData("my_vol.1-x")]
    [InlineData("0abc")]
    public void Docker_accepts_these(string name) => Assert.Null(VolumeNames.Problem(name));

    [Fact]
    public void One_character_is_too_short() =>
        Assert.Equal("volume name is too short, names should be at least two alphanumeric characters", VolumeNames.Problem("a"));

    [Theory]
    [InlineData("x y")]
    [InlineData("_ab")]
    [InlineData(".ab")]
    [InlineData("a/b")]
    [InlineData("ab:c")]
    [InlineData("")]
    public void Other_characters_get_dockerds_message(string name) =>
        Assert.Equal($"\"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
            VolumeNames.Problem(name));

    [Fact]
    public void Anonymous_names_are_64_hex_and_differ()
    {
        var a = VolumeNames.NewAnonymous();
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, VolumeNames.NewAnonymous());
        Assert.Null(VolumeNames.Problem(a));
    }
}
