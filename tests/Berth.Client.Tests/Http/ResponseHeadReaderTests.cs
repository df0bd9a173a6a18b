using System.Text;
using Berth.Client.Http;

namespace Berth.Client.Tests.Http;

public class ResponseHeadReaderTests
{
    private const string Head = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp";

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public async Task A_head_that_arrives_with_the_stream_is_read_in_one_read_and_the_stream_bytes_are_kept()
    {
        var source = new PiecewiseStream(Ascii(Head + "\r\n\r\n" + "\u0001\0\0\0\0\0\0\u0003hi\n"));
        var result = await ResponseHeadReader.ReadAsync(source, 64 * 1024, CancellationToken.None);
        Assert.Equal(Head, result.Head);
        Assert.Equal(Ascii("\u0001\0\0\0\0\0\0\u0003hi\n"), result.Rest);
        Assert.Equal(1, source.Reads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(17)]
    public async Task A_head_split_across_reads_anywhere_is_found(int splitBeforeEnd)
    {
        // Split so that the blank line's \r\n\r\n straddles the two reads (or comes whole in the second).
        var all = Ascii(Head + "\r\n\r\nrest");
        var cut = Head.Length + 4 - splitBeforeEnd;
        var result = await ResponseHeadReader.ReadAsync(new PiecewiseStream(all[..cut], all[cut..]), 64 * 1024, CancellationToken.None);
        Assert.Equal(Head, result.Head);
        Assert.Equal("rest", Encoding.ASCII.GetString(result.Rest));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public void The_blocking_read_finds_the_same_head_and_keeps_the_same_rest(int splitBeforeEnd)
    {
        var all = Ascii(Head + "\r\n\r\nrest");
        var cut = Head.Length + 4 - splitBeforeEnd;
        var result = ResponseHeadReader.Read(new PiecewiseStream(all[..cut], all[cut..]), 64 * 1024);
        Assert.Equal(Head, result.Head);
        Assert.Equal("rest", Encoding.ASCII.GetString(result.Rest));
        Assert.Throws<ClientException>(() => ResponseHeadReader.Read(new PiecewiseStream(Ascii("HTTP/1.1 200 OK\r\n")), 64 * 1024));
    }

    [Fact]
    public async Task A_head_read_byte_by_byte_is_the_same_head()
    {
        var all = Ascii(Head + "\r\n\r\n");
        var result = await ResponseHeadReader.ReadAsync(new PiecewiseStream(all.Select(b => new[] { b }).ToArray()), 64 * 1024, CancellationToken.None);
        Assert.Equal(Head, result.Head);
        Assert.Empty(result.Rest);
    }

    [Fact]
    public async Task A_head_longer_than_the_buffer_grows_it()
    {
        var longHead = "HTTP/1.1 200 OK\r\nX-Long: " + new string('a', 5000);
        var result = await ResponseHeadReader.ReadAsync(new PiecewiseStream(Ascii(longHead + "\r\n\r\nx")), 64 * 1024, CancellationToken.None);
        Assert.Equal(longHead, result.Head);
        Assert.Equal("x", Encoding.ASCII.GetString(result.Rest));
    }

    [Fact]
    public async Task An_oversized_head_is_refused()
    {
        var endless = Ascii("HTTP/1.1 200 OK\r\nX-Long: " + new string('a', 10_000));
        var e = await Assert.ThrowsAsync<ClientException>(() => ResponseHeadReader.ReadAsync(new PiecewiseStream(endless), 4096, CancellationToken.None));
        Assert.Contains("too long a header", e.Message);
    }

    [Fact]
    public async Task A_head_whose_end_lies_past_the_limit_is_refused()
    {
        var all = Ascii("HTTP/1.1 200 OK\r\nX-Long: " + new string('a', 3000) + "\r\n\r\n");
        await Assert.ThrowsAsync<ClientException>(() => ResponseHeadReader.ReadAsync(new PiecewiseStream(all), 1000, CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_closed_before_the_blank_line_is_an_error()
    {
        var e = await Assert.ThrowsAsync<ClientException>(() =>
            ResponseHeadReader.ReadAsync(new PiecewiseStream(Ascii("HTTP/1.1 101 UPGRADED\r\n")), 64 * 1024, CancellationToken.None));
        Assert.Contains("closed the connection", e.Message);
    }

    [Fact]
    public async Task The_prefixed_stream_gives_the_kept_bytes_first_then_the_connection()
    {
        var stream = new PrefixedStream(Ascii("abc"), new MemoryStream(Ascii("def")));
        var buffer = new byte[2];
        var got = new List<byte>();
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0) got.AddRange(buffer[..n]);
        Assert.Equal("abcdef", Encoding.ASCII.GetString(got.ToArray()));

        var sync = new PrefixedStream(Ascii("xy"), new MemoryStream(Ascii("z")));
        Assert.Equal("xyz", new StreamReader(sync).ReadToEnd());
    }
}
