using System.Text.Json;
using Berth.Api.Models.Images;
using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;

namespace Berth.Cli.Tests.Images;

public class DiskUsageRowsTests
{
    [Fact]
    public void Summary_has_four_rows_with_reclaimable_percentages()
    {
        var du = new SystemDiskUsage
        {
            LayersSize = 1_982_541,
            Images = [new ImageSummary { Id = "sha256:1", Size = 1_982_541, SharedSize = 0, Containers = 0 }],
        };
        var text = Formatter.Render(null, DiskUsageRows.Build(du), DiskUsageRows.Headers, DiskUsageRows.TableFormat);
        Assert.Equal(
            "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\n" +
            "Images          1         0         1.983MB   1.983MB (100%)\n" +
            "Containers      0         0         0B        0B\n" +
            "Local Volumes   0         0         0B        0B\n" +
            "Build Cache     0         0         0B        0B\n", text);
    }

    [Fact]
    public void Images_used_by_containers_are_not_reclaimable_and_running_containers_are_active()
    {
        var du = new SystemDiskUsage
        {
            LayersSize = 3000,
            Images =
            [
                new ImageSummary { Id = "a", Size = 2000, SharedSize = 500, Containers = 1 },
                new ImageSummary { Id = "b", Size = 1500, SharedSize = 500, Containers = 0 },
            ],
            Containers = [Json("{\"State\":\"running\",\"SizeRw\":100}"), Json("{\"State\":\"exited\",\"SizeRw\":300}")],
        };
        var rows = DiskUsageRows.Build(du);
        Assert.Equal("1 1.5kB (50%)\n", Formatter.Render("{{.Active}} {{.Reclaimable}}", rows[0]));
        Assert.Equal("1 400B 300B (75%)\n", Formatter.Render("{{.Active}} {{.Size}} {{.Reclaimable}}", rows[1]));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
