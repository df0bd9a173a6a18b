using System.Text.Json;
using Berth.Api.Models.Images;

namespace Berth.Cli.Formatting.Rows;

// The summary rows of `docker system df` (cli/command/formatter/disk_usage.go): Images, Containers, Local Volumes
// and Build Cache, each with its count, how many are in use, total size and what pruning would free.
public static class DiskUsageRows
{
    public const string TableFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Type"] = "TYPE", ["TotalCount"] = "TOTAL", ["Active"] = "ACTIVE", ["Size"] = "SIZE", ["Reclaimable"] = "RECLAIMABLE",
    };

    public static List<TemplateObject> Build(SystemDiskUsage du) =>
    [
        ImagesRow(du),
        ContainersRow(du.Containers),
        VolumesRow(du.Volumes),
        BuildCacheRow(du.BuildCache),
    ];

    private static TemplateObject ImagesRow(SystemDiskUsage du)
    {
        // In use: the part of each used image not shared with others.
        long used = 0;
        foreach (var image in du.Images)
            if (image.Containers != 0 && image.Size != -1 && image.SharedSize != -1)
                used += image.Size - image.SharedSize;
        var active = du.Images.Count(i => i.Containers > 0);
        return Row("Images", du.Images.Count, active, du.LayersSize, du.LayersSize - used, withPercent: true);
    }

    private static TemplateObject ContainersRow(List<JsonElement> containers)
    {
        long size = 0, reclaimable = 0;
        var active = 0;
        foreach (var c in containers)
        {
            var rw = Long(c, "SizeRw");
            size += rw;
            if (String(c, "State") == "running") active++;
            else reclaimable += rw;
        }
        return Row("Containers", containers.Count, active, size, reclaimable, withPercent: true);
    }

    private static TemplateObject VolumesRow(List<JsonElement> volumes)
    {
        long size = 0, reclaimable = 0;
        var active = 0;
        foreach (var v in volumes)
        {
            if (!v.TryGetProperty("UsageData", out var usage) || usage.ValueKind != JsonValueKind.Object) continue;
            var s = Long(usage, "Size");
            var refs = Long(usage, "RefCount");
            if (refs > 0) active++;
            if (s == -1) continue;
            size += s;
            if (refs == 0) reclaimable += s;
        }
        return Row("Local Volumes", volumes.Count, active, size, reclaimable, withPercent: true);
    }

    private static TemplateObject BuildCacheRow(List<JsonElement> records)
    {
        long size = 0, reclaimable = 0;
        var active = 0;
        foreach (var r in records)
        {
            var inUse = Bool(r, "InUse");
            var shared = Bool(r, "Shared");
            if (inUse) active++;
            if (shared) continue;
            var s = Long(r, "Size");
            size += s;
            if (!inUse) reclaimable += s;
        }
        return Row("Build Cache", records.Count, active, size, reclaimable, withPercent: false);
    }

    private static TemplateObject Row(string type, int total, int active, long size, long reclaimable, bool withPercent)
    {
        var freed = Units.HumanSize(reclaimable);
        if (withPercent && size > 0) freed += $" ({reclaimable * 100 / size}%)";
        return new TemplateObject("*formatter.diskUsageContext") { SortJsonKeys = true }
            .Set("Active", active.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("Reclaimable", freed)
            .Set("Size", Units.HumanSize(size))
            .Set("TotalCount", total.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("Type", type);
    }

    private static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
