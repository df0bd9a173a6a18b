using Berth.Client.Http;

namespace Berth.Client.Hijack;

// The HTTP/1.1 request that asks the daemon to turn a connection into a raw stream (attach, exec start), written by
// hand because HttpClient cannot hand over the connection after "101 Switching Protocols".
internal static class HijackRequest
{
    public static byte[] Build(string method, string pathAndQuery, string userAgent, byte[]? jsonBody) =>
        RequestBuilder.Build(method, pathAndQuery, userAgent, jsonBody is null ? "text/plain" : "application/json",
            "Connection: Upgrade\r\nUpgrade: tcp\r\n", jsonBody);
}
