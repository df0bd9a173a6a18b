using Berth.Api.Models.Images;
using Berth.Cli.Support;

namespace Berth.Cli.Formatting.Rows;

// `docker system df -v`: one table per kind. Berth's daemon reports images only so far; the other tables are
// printed with their headers, and any row of a kind not laid out yet is refused rather than left out.
public static class DiskUsageVerbose
{
    private const string ImagesTable = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";

    public static string Render(SystemDiskUsage du, DateTimeOffset now)
    {
        if (du.Containers.Count > 0 || du.Volumes.Count > 0 || du.BuildCache.Count > 0)
            throw new CommandFailedException("system df --verbose is not supported yet for containers, volumes or build cache");
        var rows = ImageRows.Build(du.Images, digests: false, noTrunc: false, now);
        return "Images space usage:\n\n"
               + Formatter.Render(null, rows, ImageRows.Headers, ImagesTable)
               + "\nContainers space usage:\n\n"
               + "CONTAINER ID   IMAGE     COMMAND   LOCAL VOLUMES   SIZE      CREATED   STATUS    NAMES\n"
               + "\nLocal Volumes space usage:\n\n"
               + "VOLUME NAME   LINKS     SIZE\n"
               + "\nBuild cache usage: 0B\n\n"
               + "CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED\n";
    }
}
