namespace Berth.Engine.Containers.Archive;

// The empty files the runtime creates in the upper dir to bind-mount the container's own hostname, hosts and
// resolv.conf over. dockerd keeps them in its init layer, so neither docker diff nor docker commit ever shows
// them, nor the parent directory they alone made overlayfs copy up; Berth leaves them out of both.
internal static class MountStubs
{
    public static readonly IReadOnlySet<string> Paths = new HashSet<string>(StringComparer.Ordinal)
    {
        "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/.dockerenv",
    };

    public static readonly IReadOnlySet<string> TarNames = new HashSet<string>(Paths.Select(p => p[1..]), StringComparer.Ordinal);
}
