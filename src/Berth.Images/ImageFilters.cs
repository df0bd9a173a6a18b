using System.Text.RegularExpressions;
using Berth.Images.References;
using Berth.Storage.Metadata;

namespace Berth.Images;

// The filters of `docker images --filter` / GET /images/json?filters=:
// dangling, reference (glob on name[:tag]), label (key or key=value), before
// and since (another image, compared by creation time).
public sealed class ImageFilters
{
    private static readonly string[] Known = ["dangling", "reference", "label", "before", "since"];

    public bool? Dangling { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public string? Before { get; init; }
    public string? Since { get; init; }

    // From the API's filters map ({"dangling":["true"], ...}).
    public static ImageFilters FromMap(IReadOnlyDictionary<string, IReadOnlyList<string>> map)
    {
        foreach (var key in map.Keys)
        {
            if (!Known.Contains(key))
                throw new InvalidImageInputException($"invalid filter '{key}'");
        }
        bool? dangling = null;
        if (map.TryGetValue("dangling", out var values) && values.Count > 0)
        {
            dangling = values[0].ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new InvalidImageInputException($"invalid filter 'dangling={values[0]}'"),
            };
        }
        return new ImageFilters
        {
            Dangling = dangling,
            References = map.GetValueOrDefault("reference") ?? [],
            Labels = map.GetValueOrDefault("label") ?? [],
            Before = map.GetValueOrDefault("before")?.LastOrDefault(),
            Since = map.GetValueOrDefault("since")?.LastOrDefault(),
        };
    }

    internal bool Matches(ImageStore store, ImageRecord image)
    {
        var tags = store.Db.TagsOf(image.Id);
        if (Dangling is { } dangling && dangling != (tags.Count == 0))
            return false;
        if (References.Count > 0 && !tags.Any(t => References.Any(pattern => ReferenceMatches(pattern, t))))
            return false;
        if (Labels.Count > 0)
        {
            var labels = store.ReadConfigOf(image).Config?.Labels ?? [];
            foreach (var label in Labels)
            {
                var eq = label.IndexOf('=');
                var ok = eq < 0 ? labels.ContainsKey(label) : labels.TryGetValue(label[..eq], out var v) && v == label[(eq + 1)..];
                if (!ok)
                    return false;
            }
        }
        if (Before is not null && !(image.Created < store.CreatedOf(Before)))
            return false;
        if (Since is not null && !(image.Created > store.CreatedOf(Since)))
            return false;
        return true;
    }

    // Docker matches the pattern against the familiar name and name:tag.
    private static bool ReferenceMatches(string pattern, string normalizedTag)
    {
        var reference = ImageReference.Parse(normalizedTag);
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        return regex.IsMatch(reference.FamiliarName) || regex.IsMatch(reference.ToFamiliarString());
    }
}
