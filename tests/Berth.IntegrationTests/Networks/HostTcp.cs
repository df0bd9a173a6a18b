using System.Net.Sockets;
using System.Text;

namespace Berth.IntegrationTests.Networks;

// A plain HTTP GET from the host, to check that a published port answers: the body, or null when nothing answers.
public static class HostTcp
{
    public static string? TryGet(string host, int port, string path)
    {
        try
        {
            using var client = new TcpClient();
            client.ReceiveTimeout = 5000;
            client.SendTimeout = 5000;
            if (!client.ConnectAsync(host, port).Wait(2000)) return null;
            using var stream = client.GetStream();
            var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n");
            stream.Write(request);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var response = reader.ReadToEnd();
            var body = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return response.StartsWith("HTTP/1.", StringComparison.Ordinal) && body > 0 ? response[(body + 4)..] : null;
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException)
        {
            return null;
        }
    }

    // True when a connect is refused (nothing forwards or listens there); false when it connects or hangs.
    public static bool Refused(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.ConnectAsync(host, port).Wait(2000);
            return false;
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return true;
        }
    }
}
