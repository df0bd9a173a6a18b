using System.Net.Sockets;
using System.Text.Json;
using Berth.Linux.Processes;

namespace Berth.Runtime.Shim;

// What a shim does before it knows its container: become subreaper, start its reaper, make its work dir, and
// touch the .NET machinery the container's start will need (thread pool, sockets, JSON) so that a shim
// started ahead of time (`berth shim --standby`) has paid for all of it before the daemon hands it a job.
internal sealed class ShimPrework
{
    public ChildReaper Reaper { get; }
    public string WorkDir { get; }

    private ShimPrework(ChildReaper reaper, string workDir)
    {
        Reaper = reaper;
        WorkDir = workDir;
    }

    public static ShimPrework Prepare(bool warmUp)
    {
        ChildReaping.BecomeSubreaper();
        var prework = new ShimPrework(new ChildReaper(), Directory.CreateTempSubdirectory("berth-shim-").FullName);
        if (warmUp) WarmUp();
        return prework;
    }

    // A standby shim that gets no job: it leaves nothing behind.
    public void Abandon()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void WarmUp()
    {
        Task.Run(static () => { }).Wait();
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
        }
        var exit = JsonSerializer.SerializeToUtf8Bytes(new ShimExit(0, false, ""), ShimJsonContext.Default.ShimExit);
        JsonSerializer.Deserialize(exit, ShimJsonContext.Default.ShimExit);
        JsonSerializer.Deserialize("{\"Op\":\"start\"}"u8, ShimJsonContext.Default.ShimRequest);
    }
}
