using System.Text.Json;

namespace Berth.Runtime.Shim;

// The container's end as a file beside it, so a daemon that was down when it happened still learns it.
public static class ExitFile
{
    public static void Write(string path, ShimExit exit)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, ShimWire.Exit(exit)); // the shim writes it: no serializer there (ShimWire)
        File.Move(tmp, path, overwrite: true);
    }

    // null when there is no exit file (the container has not exited) or it cannot be read as one.
    public static ShimExit? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ShimJsonContext.Default.ShimExit);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
