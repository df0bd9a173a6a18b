using System.Globalization;
using Berth.Api.Models.Images;

namespace Berth.Cli.Formatting.Rows;

// The rows of `docker images` (cli/command/formatter/image.go): one row per repository and tag (times digest with
// --digests), "<none>" where a part is missing, sizes with three significant digits.
public static class ImageRows
{
    public const string TableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    public const string DigestTableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    public const string QuietFormat = "{{.ID}}";
    private const string None = "<none>";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE ID", ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["Digest"] = "DIGEST",
        ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["Size"] = "SIZE", ["Containers"] = "CONTAINERS",
        ["VirtualSize"] = "VIRTUAL SIZE", ["SharedSize"] = "SHARED SIZE", ["UniqueSize"] = "UNIQUE SIZE",
    };

    public static List<TemplateObject> Build(IEnumerable<ImageSummary> images, bool digests, bool noTrunc, DateTimeOffset now)
    {
        var rows = new List<TemplateObject>();
        foreach (var image in images)
        {
            if (IsDangling(image))
            {
                rows.Add(Row(image, None, None, "", noTrunc, now));
                continue;
            }
            var tagsByRepo = Group(image.RepoTags, ':');
            var digestsByRepo = Group(image.RepoDigests, '@');
            foreach (var (repo, tags) in tagsByRepo)
            {
                // A repository's digests go on its tagged rows, not on rows of their own.
                var repoDigests = digestsByRepo.Remove(repo, out var d) && digests ? d : [];
                if (repoDigests.Count == 0) repoDigests = [""];
                foreach (var tag in tags)
                    foreach (var digest in repoDigests)
                        rows.Add(Row(image, repo, tag, digest, noTrunc, now));
            }
            foreach (var (repo, repoDigests) in digestsByRepo)
            {
                if (digests)
                    foreach (var digest in repoDigests) rows.Add(Row(image, repo, None, digest, noTrunc, now));
                else
                    rows.Add(Row(image, repo, None, "", noTrunc, now));
            }
        }
        return rows;
    }

    private static bool IsDangling(ImageSummary image) =>
        (image.RepoTags.Count == 0 && image.RepoDigests.Count == 0)
        || (image.RepoTags is ["<none>:<none>"] && image.RepoDigests is ["<none>@<none>"]);

    // "repo:tag" / "repo@digest" grouped by repository in first-seen order; the separator is looked for after the
    // last '/', so a registry's port is not taken for a tag.
    private static List<(string Repo, List<string> Parts)> GroupList(IEnumerable<string> references, char separator)
    {
        var groups = new List<(string, List<string>)>();
        foreach (var reference in references)
        {
            if (reference.StartsWith(None, StringComparison.Ordinal)) continue;
            var slash = reference.LastIndexOf('/');
            var at = separator == '@' ? reference.IndexOf('@') : reference.IndexOf(':', slash + 1);
            if (at <= 0) continue;
            var repo = reference[..at];
            var part = reference[(at + 1)..];
            var group = groups.FindIndex(g => g.Item1 == repo);
            if (group < 0) groups.Add((repo, [part]));
            else groups[group].Item2.Add(part);
        }
        return groups;
    }

    private static OrderedDictionary<string, List<string>> Group(IEnumerable<string> references, char separator)
    {
        var map = new OrderedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (repo, parts) in GroupList(references, separator)) map[repo] = parts;
        return map;
    }

    private static TemplateObject Row(ImageSummary image, string repo, string tag, string digest, bool noTrunc, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(image.Created).ToLocalTime();
        return new TemplateObject("*formatter.imageContext") { SortJsonKeys = true }
            .Set("Containers", image.Containers == -1 ? "N/A" : image.Containers.ToString(CultureInfo.InvariantCulture))
            .Set("CreatedAt", TemplateValue.GoTimeString(created))
            .Set("CreatedSince", Units.Ago(created, now))
            .Set("Digest", digest.Length == 0 ? None : digest)
            .Set("ID", Units.DisplayId(image.Id, noTrunc))
            .Set("Repository", repo)
            .Set("SharedSize", image.SharedSize == -1 ? "N/A" : Units.HumanSize(image.SharedSize))
            .Set("Size", Units.HumanSizeWithPrecision(image.Size, 3))
            .Set("Tag", tag)
            .Set("UniqueSize", image.SharedSize == -1 || image.Size == -1 ? "N/A" : Units.HumanSize(image.Size - image.SharedSize))
            .Set("VirtualSize", Units.HumanSize(image.Size));
    }
}
