using System.Text;
using System.Text.Json;
using Berth.Runtime.Shim;

namespace Berth.Runtime.Tests.Shim;

// The shim reads and writes its protocol by hand; clients use ShimJsonContext. Both must agree byte for byte.
public class ShimWireTests
{
    [Fact]
    public void A_request_the_client_serializes_parses_to_the_same_values()
    {
        using var process = JsonDocument.Parse("""{"args":["sh","-c","echo \"hi\""],"env":["A=é"]}""");
        var sent = new ShimRequest
        {
            Op = "exec", Stdin = true, Stdout = true, Stderr = false, Height = 40, Width = 120, ExecId = "e1",
            Signal = 15, Process = process.RootElement.Clone(), Tty = true, Detach = false,
        };
        var got = ShimWire.ParseRequest(JsonSerializer.Serialize(sent, ShimJsonContext.Default.ShimRequest));
        Assert.Equal(("exec", true, true, false, 40, 120, "e1", 15, true, false),
            (got.Op, got.Stdin, got.Stdout, got.Stderr, got.Height, got.Width, got.ExecId, got.Signal, got.Tty, got.Detach));
        Assert.True(JsonElement.DeepEquals(process.RootElement, got.Process!.Value), got.Process!.Value.GetRawText());
    }

    [Fact]
    public void Missing_and_unknown_properties_are_defaults_and_ignored()
    {
        var got = ShimWire.ParseRequest("""{"Op":"wait","Future":{"x":1}}""");
        Assert.Equal("wait", got.Op);
        Assert.Null(got.ExecId);
        Assert.Null(got.Process);
        Assert.False(got.Stdin);
    }

    [Theory]
    [InlineData("""{"Op":"kill","Signal":"9"}""")]
    [InlineData("""{"Op":1}""")]
    [InlineData("""["Op"]""")]
    [InlineData("""{"Op":"kill",""")]
    public void A_bad_request_is_a_json_error(string line) =>
        Assert.ThrowsAny<JsonException>(() => ShimWire.ParseRequest(line));

    [Fact]
    public void Replies_are_what_the_serializer_writes()
    {
        Same(ShimWire.Reply(new ShimReply { Ok = true }), new ShimReply { Ok = true }, ShimJsonContext.Default.ShimReply);
        Same(ShimWire.Reply(new ShimReply { Ok = true, Pid = 42 }), new ShimReply { Ok = true, Pid = 42 }, ShimJsonContext.Default.ShimReply);
        Same(ShimWire.Reply(new ShimReply { Error = "no \"such\" <thing> é" }), new ShimReply { Error = "no \"such\" <thing> é" }, ShimJsonContext.Default.ShimReply);
        var exit = new ShimExit(137, true, "2026-11-28T16:30:00.123456789Z");
        Same(ShimWire.Exit(exit), exit, ShimJsonContext.Default.ShimExit);
        var state = new ShimState { Pid = 7, Status = "running" };
        Same(ShimWire.State(state), state, ShimJsonContext.Default.ShimState);
        Same(ShimWire.ExecExit(3), new ExecExit { ExitCode = 3 }, ShimJsonContext.Default.ExecExit);
    }

    private static void Same<T>(byte[] wire, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, type)), Encoding.UTF8.GetString(wire));
}
