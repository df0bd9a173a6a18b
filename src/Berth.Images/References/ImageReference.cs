using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Images.References;

// An image name as Docker reads one: [domain/]path[:tag][@digest]. Stored
// normalized ("docker.io/library/busybox:latest"), shown familiar
// ("busybox:latest"), following the rules of Docker's reference package so the
// same string means the same image in both.
public sealed partial record ImageReference(string Domain, string Path, string? Tag, Digest? Digest)
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";
    private const string OfficialPrefix = "library/";
    private const int MaxNameLength = 255;

    // "docker.io/library/busybox"
    public string Name => $"{Domain}/{Path}";

    // "busybox", "localhost:5000/x/y"
    public string FamiliarName =>
        Domain == DefaultDomain
            ? Path.StartsWith(OfficialPrefix, StringComparison.Ordinal) && Path.IndexOf('/', OfficialPrefix.Length) < 0
                ? Path[OfficialPrefix.Length..]
                : Path
            : Name;

    public override string ToString() => Format(Name);

    public string ToFamiliarString() => Format(FamiliarName);

    public ImageReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    public ImageReference NameOnly => this with { Tag = null, Digest = null };

    private string Format(string name) =>
        name + (Tag is null ? "" : $":{Tag}") + (Digest is { } d ? $"@{d}" : "");

    // Adds ":latest" when neither a tag nor a digest is given, as the CLI does.
    public static ImageReference ParseWithDefaultTag(string text)
    {
        var reference = Parse(text);
        return reference.Tag is null && reference.Digest is null ? reference with { Tag = DefaultTag } : reference;
    }

    public static bool TryParse(string text, out ImageReference? reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (InvalidReferenceException)
        {
            reference = null;
            return false;
        }
    }

    public static ImageReference Parse(string text)
    {
        if (AnchoredIdentifier().IsMatch(text))
            throw new InvalidReferenceException($"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings");

        var (domain, remainder) = SplitDomain(text);
        var match = Reference().Match(remainder);
        if (!match.Success)
            throw InvalidFormat(text);
        var path = match.Groups["path"].Value;
        if (domain == DefaultDomain && !path.Contains('/'))
            path = OfficialPrefix + path;
        if (path.Any(char.IsUpper))
            throw new InvalidReferenceException($"invalid reference format: repository name ({path}) must be lowercase");
        if (domain.Length + 1 + path.Length > MaxNameLength)
            throw new InvalidReferenceException($"invalid reference format: repository name (must be less than {MaxNameLength} characters)");

        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        Digest? digest = null;
        if (match.Groups["digest"].Success)
        {
            if (!Oci.Digest.TryParse(match.Groups["digest"].Value, out var parsed))
                throw new InvalidReferenceException($"invalid reference format: invalid digest {match.Groups["digest"].Value}");
            digest = parsed;
        }
        return new ImageReference(domain, path, tag, digest);
    }

    // The first component is a registry when it looks like a host: it has a
    // dot or a port, is "localhost", or has uppercase (paths never do).
    private static (string Domain, string Remainder) SplitDomain(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0)
            return (DefaultDomain, text);
        var first = text[..slash];
        if (!first.Contains('.') && !first.Contains(':') && first != "localhost" && first.ToLowerInvariant() == first)
            return (DefaultDomain, text);
        if (!DomainPattern().IsMatch(first))
            throw InvalidFormat(text);
        var domain = first == "index.docker.io" ? DefaultDomain : first;
        return (domain, text[(slash + 1)..]);
    }

    private static InvalidReferenceException InvalidFormat(string text) =>
        new(text.Length == 0 ? "invalid reference format: repository name must have at least one component" : "invalid reference format");

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex AnchoredIdentifier();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$|^\[[a-fA-F0-9:]+\](?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    // Path components may hold uppercase here so that the caller can give the
    // "must be lowercase" message Docker gives, instead of a bare format error.
    [GeneratedRegex(@"^(?<path>[a-zA-Z0-9]+(?:(?:[._]|__|[-]+)[a-zA-Z0-9]+)*(?:/[a-zA-Z0-9]+(?:(?:[._]|__|[-]+)[a-zA-Z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")]
    private static partial Regex Reference();
}

public sealed class InvalidReferenceException(string message) : FormatException(message);
