using System.Net;
using System.Net.Sockets;
using Berth.Network.Ipam;

namespace Berth.Network.Firewall;

// Whether a host program already holds a port: bind a socket of that protocol there and close it at once.
// With published ports done in nftables nothing listens on them, so only the kernel knows about the others.
// .NET sets SO_REUSEADDR on TCP sockets before bind, so a connection in TIME_WAIT does not count; a listener does.
internal static class HostPortProbe
{
    // null when the port is free, else why not, in the words of Go's bind error ("address already in use").
    public static ProbeFailure? Probe(TransportProtocol protocol, Ipv4Address? hostIp, int port)
    {
        var address = new IPAddress((hostIp ?? new Ipv4Address(0)).GetBytes());
        using var socket = protocol == TransportProtocol.Tcp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return null;
        }
        catch (SocketException e)
        {
            var reason = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "address already in use",
                SocketError.AddressNotAvailable => "cannot assign requested address",
                SocketError.AccessDenied => "permission denied",
                _ => e.Message,
            };
            return new ProbeFailure(e.SocketErrorCode == SocketError.AddressAlreadyInUse, reason);
        }
    }
}

internal sealed record ProbeFailure(bool InUse, string Reason);
