using System.Net;
using System.Net.Http;
using Berth.Api.Models;

namespace Berth.Client.Tests;

public class JsonMessageStreamTests
{
    private static HttpResponseMessage Response(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body) };

    private static async Task<List<JsonMessage>> ReadAll(string body)
    {
        var list = new List<JsonMessage>();
        await foreach (var m in BerthClient.ReadMessages(Response(body), CancellationToken.None)) list.Add(m);
        return list;
    }

    [Fact]
    public async Task Stream_and_status_messages_are_yielded_in_order()
    {
        var messages = await ReadAll("{\"stream\":\"Loaded image: a:b\\n\"}\r\n\n{\"status\":\"sha256:1\"}\n");
        Assert.Equal("Loaded image: a:b\n", messages[0].Stream);
        Assert.Equal("sha256:1", messages[1].Status);
    }

    [Fact]
    public async Task An_error_message_ends_the_stream_with_its_text()
    {
        var e = await Assert.ThrowsAsync<StreamErrorException>(() =>
            ReadAll("{\"stream\":\"x\\n\"}\n{\"errorDetail\":{\"message\":\"layer is broken\"},\"error\":\"layer is broken\"}\n{\"stream\":\"never\"}\n"));
        Assert.Equal("layer is broken", e.Message);
    }

    [Fact]
    public async Task A_line_that_is_not_json_is_reported_not_skipped() =>
        await Assert.ThrowsAsync<ClientException>(() => ReadAll("garbage\n"));
}
