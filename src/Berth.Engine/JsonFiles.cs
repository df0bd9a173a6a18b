using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Engine;

// The engine's records on disk (containers, volumes, networks): each written whole to a temp file, flushed and
// renamed over the old one, so a crash leaves either the old record or the new one, never half of either.
internal static class JsonFiles
{
    public static void WriteAtomically<T>(string path, T value, JsonTypeInfo<T> type)
    {
        var tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(f, value, type);
            f.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }
}
