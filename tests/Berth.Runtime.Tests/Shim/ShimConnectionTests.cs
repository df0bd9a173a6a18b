using System.Net.Sockets;
using System.Text;
using Berth.Runtime.Shim;

namespace Berth.Runtime.Tests.Shim;

// Both ends read the line that starts a connection with ShimConnection.ReadLineAsync: what follows the line (an
// attach's frames, a client's stdin) must stay in the socket for whoever reads next.
public class ShimConnectionTests
{
    [Fact]
    public async Task The_line_is_read_and_what_follows_it_is_left()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            a.Send(Encoding.UTF8.GetBytes("{\"Ok\":true}\nFRAMES"));
            Assert.Equal("{\"Ok\":true}", await ShimConnection.ReadLineAsync(b, CancellationToken.None));
            var rest = new byte[16];
            Assert.Equal("FRAMES", Encoding.UTF8.GetString(rest, 0, b.Receive(rest)));
        }
    }

    [Fact]
    public async Task A_line_that_arrives_in_pieces_is_put_together()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            var reading = ShimConnection.ReadLineAsync(b, CancellationToken.None);
            a.Send(Encoding.UTF8.GetBytes("{\"ExitCode\":"));
            a.Send(Encoding.UTF8.GetBytes("3}\n"));
            Assert.Equal("{\"ExitCode\":3}", await reading);
        }
    }

    [Fact]
    public async Task A_peer_that_leaves_before_the_newline_gives_null()
    {
        var (a, b) = Pair();
        using (b)
        {
            a.Send(Encoding.UTF8.GetBytes("{\"Ok\":"));
            a.Dispose();
            Assert.Null(await ShimConnection.ReadLineAsync(b, CancellationToken.None));
        }
    }

    private static (Socket, Socket) Pair()
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-shimconn-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var a = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        a.Connect(new UnixDomainSocketEndPoint(path));
        var b = listener.Accept();
        File.Delete(path);
        return (a, b);
    }
}
