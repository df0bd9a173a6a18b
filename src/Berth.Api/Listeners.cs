using System.Net.Sockets;
using Berth.Engine.Config;

namespace Berth.Api;

// Turns -H/--host values into socket paths, and clears a socket file left by a daemon that died, while
// refusing to take over one a live daemon still answers on.
public static class Listeners
{
    public static string SocketPath(string host)
    {
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host["unix://".Length..];
            if (path.Length == 0 || path[0] != '/')
                throw new DaemonConfigException($"invalid host \"{host}\": a unix socket needs an absolute path, as in unix:///run/berth/berth.sock");
            return path;
        }
        if (host.StartsWith("tcp://", StringComparison.Ordinal) || host.StartsWith("fd://", StringComparison.Ordinal))
            throw new DaemonConfigException($"listening on {host} is not supported yet; use a unix:// host");
        if (host.StartsWith('/'))
            return host;
        throw new DaemonConfigException($"invalid host \"{host}\": expected unix:///path");
    }

    public static void Prepare(string socketPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        if (!File.Exists(socketPath) && !Directory.Exists(socketPath)) return;
        if (Directory.Exists(socketPath))
            throw new DaemonConfigException($"cannot listen on {socketPath}: it is a directory");
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(socketPath));
                throw new DaemonConfigException($"another daemon is already listening on unix://{socketPath}");
            }
            catch (SocketException)
            {
                // Nobody answers: a leftover from a daemon that did not shut down cleanly.
            }
        }
        File.Delete(socketPath);
    }
}
