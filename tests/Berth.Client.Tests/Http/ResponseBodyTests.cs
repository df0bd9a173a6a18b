using System.Text;
using Berth.Client.Http;

namespace Berth.Client.Tests.Http;

public class ResponseBodyTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static ResponseHead Head(string headers) => ResponseHead.Parse("HTTP/1.1 200 OK" + headers);

    private static string ReadAll(Stream body) => Encoding.ASCII.GetString(ResponseBody.ReadAll(body, 1 << 20));

    [Fact]
    public void Heads_carry_status_and_headers_in_any_case()
    {
        var head = ResponseHead.Parse("HTTP/1.1 404 Not Found\r\ncontent-length: 12\r\nApi-Version:1.50");
        Assert.Equal(404, head.Status);
        Assert.False(head.IsSuccess);
        Assert.Equal("12", head.Header("Content-Length"));
        Assert.Equal("1.50", head.Header("api-version"));
        Assert.Null(head.Header("Transfer-Encoding"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("HTTP/1.1 abc OK")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here")]
    public void Unreadable_heads_are_errors(string text) => Assert.Throws<ClientException>(() => ResponseHead.Parse(text));

    [Fact]
    public void A_content_length_body_ends_at_its_length_whatever_follows()
    {
        var body = ResponseBody.Open(Head("\r\nContent-Length: 5"), PiecewiseStream.ByteByByte(Ascii("hello, and more")));
        Assert.Equal("hello", ReadAll(body));
    }

    [Fact]
    public void A_content_length_body_cut_short_is_an_error()
    {
        var body = ResponseBody.Open(Head("\r\nContent-Length: 10"), new PiecewiseStream(Ascii("short")));
        Assert.Throws<IOException>(() => ReadAll(body));
    }

    [Fact]
    public void An_unreadable_content_length_is_an_error() =>
        Assert.Throws<ClientException>(() => ResponseBody.Open(Head("\r\nContent-Length: -1"), new MemoryStream()));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Chunks_are_joined_into_the_data_however_the_bytes_arrive(int pieceLength)
    {
        var wire = Ascii("5\r\nhello\r\n7;ext=1\r\n, world\r\n1A\r\n" + new string('x', 26) + "\r\n0\r\nTrailer: x\r\n\r\nNEXT");
        var pieces = wire.Chunk(pieceLength).ToArray();
        var body = ResponseBody.Open(Head("\r\nTransfer-Encoding: chunked"), new PiecewiseStream(pieces));
        Assert.Equal("hello, world" + new string('x', 26), ReadAll(body));
        Assert.Equal(0, body.Read(new byte[10]));
    }

    [Fact]
    public void A_chunk_larger_than_the_buffer_is_read_whole()
    {
        var data = new string('a', 10_000);
        var wire = Ascii($"{data.Length:x}\r\n{data}\r\n0\r\n\r\n");
        var body = ResponseBody.Open(Head("\r\nTransfer-Encoding: chunked"), new PiecewiseStream(wire[..100], wire[100..]));
        Assert.Equal(data, ReadAll(body));
    }

    [Theory]
    [InlineData("zz\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5\r\nhello")]
    [InlineData("5\r\nhelloXX\r\n0\r\n\r\n")]
    [InlineData("5\r\nhello\r\n")]
    [InlineData("")]
    public void Broken_chunked_bodies_are_errors(string wire)
    {
        var body = ResponseBody.Open(Head("\r\nTransfer-Encoding: chunked"), new PiecewiseStream(Ascii(wire)));
        Assert.Throws<IOException>(() => ReadAll(body));
    }

    [Fact]
    public void Other_transfer_codings_are_refused() =>
        Assert.Throws<ClientException>(() => ResponseBody.Open(Head("\r\nTransfer-Encoding: gzip"), new MemoryStream()));

    [Fact]
    public void Without_length_or_chunks_the_body_ends_where_the_connection_closes()
    {
        var body = ResponseBody.Open(Head(""), new PiecewiseStream(Ascii("all "), Ascii("of it")));
        Assert.Equal("all of it", ReadAll(body));
    }

    [Fact]
    public void A_no_content_answer_has_no_body_even_if_bytes_follow()
    {
        var body = ResponseBody.Open(ResponseHead.Parse("HTTP/1.1 204 No Content"), new MemoryStream(Ascii("junk")));
        Assert.Equal("", ReadAll(body));
    }

    [Fact]
    public void A_body_longer_than_allowed_is_an_error_and_error_text_is_cut()
    {
        var body = ResponseBody.Open(Head(""), new MemoryStream(new byte[100]));
        Assert.Throws<IOException>(() => ResponseBody.ReadAll(body, 99));
        Assert.Equal(100, ResponseBody.ReadAll(ResponseBody.Open(Head(""), new MemoryStream(new byte[100])), 100).Length);
        Assert.Equal("abc", ResponseBody.ReadText(ResponseBody.Open(Head(""), new MemoryStream(Ascii("abcdef"))), 3));
    }

    [Fact]
    public void The_body_owns_the_connection()
    {
        var connection = new PiecewiseStream(Ascii("x"));
        ResponseBody.Open(Head("\r\nContent-Length: 1"), connection).Dispose();
        Assert.True(connection.Disposed);
    }

    [Fact]
    public void Requests_have_a_length_and_their_body()
    {
        var text = Encoding.ASCII.GetString(RequestBuilder.Build("POST", "/v1.50/containers/create?name=a", "ua/1", "application/json",
            "Connection: close\r\n", Ascii("{}")));
        Assert.Equal("POST /v1.50/containers/create?name=a HTTP/1.1\r\nHost: berth\r\nUser-Agent: ua/1\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: 2\r\n\r\n{}", text);
    }
}
