using System.Formats.Tar;
using System.Text;
using Berth.Oci;

namespace Berth.Images.Tests;

// Builds small `docker save` (Docker 20.10 style) archives from layer tars, so
// tests can make images that share some layers and differ in others.
internal static class ArchiveBuilder
{
    public static (byte[] Archive, Digest ImageId) DockerArchive(string? repoTag, params byte[][] layers)
    {
        var diffIds = layers.Select(l => Digest.Compute(l).ToString()).ToList();
        var config = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-02T03:04:05Z\"," +
            "\"config\":{\"Cmd\":[\"sh\"],\"Labels\":{\"tag\":\"" + (repoTag ?? "none") + "\"}}," +
            "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + string.Join(',', diffIds.Select(d => $"\"{d}\"")) + "]}," +
            "\"history\":[" + string.Join(',', layers.Select((_, i) => $"{{\"created\":\"2024-01-02T03:04:05Z\",\"created_by\":\"step {i}\"}}")) + "]}");
        var id = Digest.Compute(config);
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(writer, $"{id.Hex}.json", config);
            var paths = new List<string>();
            foreach (var layer in layers)
            {
                var path = $"{Digest.Compute(layer).Hex}/layer.tar";
                paths.Add(path);
                Add(writer, path, layer);
            }
            var tags = repoTag is null ? "null" : $"[\"{repoTag}\"]";
            Add(writer, "manifest.json", Encoding.UTF8.GetBytes(
                $"[{{\"Config\":\"{id.Hex}.json\",\"RepoTags\":{tags},\"Layers\":[{string.Join(',', paths.Select(p => $"\"{p}\""))}]}}]"));
        }
        return (buffer.ToArray(), id);
    }

    private static void Add(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
}
