using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Engine;

// The engine's records on disk (containers, volumes, networks): each written whole to a temp file, flushed and
// renamed over the old one, so a crash leaves either the old record or the new one, never half of either.
// flush: false leaves the fsync to the caller (a container's state changes flush after the rename, off the start
// and exit path; see ContainerStore).
internal static class JsonFiles
{
    public static void WriteAtomically<T>(string path, T value, JsonTypeInfo<T> type, bool flush = true)
    {
        var tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(f, value, type);
            f.Flush(flushToDisk: flush);
        }
        File.Move(tmp, path, overwrite: true);
    }
}
