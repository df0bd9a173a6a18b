using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Api.Http;

// Docker's hijacked streams (attach, exec start): with "Upgrade: tcp" the answer is 101 and the connection becomes
// a raw duplex stream; without it, 200 and the stream is the response body (stdin then comes from the request body).
// A read of 0 bytes from Input is the client's half-close: its stdin has ended, while Output stays open.
public sealed class HijackedStream(Stream input, Stream output, bool upgraded)
{
    public Stream Input { get; } = input;
    public Stream Output { get; } = output;
    public bool Upgraded { get; } = upgraded;

    public const string RawStream = "application/vnd.docker.raw-stream";
    public const string MultiplexedStream = "application/vnd.docker.multiplexed-stream";

    public static async Task<HijackedStream> TakeOverAsync(HttpContext http, bool tty)
    {
        var contentType = tty ? RawStream : MultiplexedStream;
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        var asked = http.Request.Headers.Upgrade.Any(v => v is not null && v.Contains("tcp", StringComparison.OrdinalIgnoreCase));
        if (asked && upgrade is { IsUpgradableRequest: true })
        {
            http.Response.Headers.ContentType = contentType;
            http.Response.Headers.Upgrade = "tcp";
            var stream = await upgrade.UpgradeAsync();
            return new HijackedStream(UpgradeBodyMiddleware.Stdin(http) ?? stream, stream, upgraded: true);
        }
        http.Response.StatusCode = 200;
        http.Response.ContentType = contentType;
        await http.Response.StartAsync();
        await http.Response.Body.FlushAsync();
        return new HijackedStream(http.Request.Body, http.Response.Body, upgraded: false);
    }
}
