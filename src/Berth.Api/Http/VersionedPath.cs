using System.Globalization;
using Berth.Api.Models;

namespace Berth.Api.Http;

// Splits "/v1.43/containers/json" into the API version the client asked for and the route path.
// Unversioned paths are served at the newest version, as dockerd does.
public readonly record struct VersionedPath(ApiVersion Version, string Route, bool Explicit)
{
    // False when the path has a "/v..." prefix that is not a version number: such paths match no route.
    public static bool TryParse(string path, out VersionedPath result)
    {
        result = new VersionedPath(ApiVersion.Max, path.Length == 0 ? "/" : path, false);
        if (path.Length < 3 || path[0] != '/' || path[1] != 'v' || !char.IsAsciiDigit(path[2])) return true;
        var end = path.IndexOf('/', 1);
        var text = end < 0 ? path[2..] : path[2..end];
        if (!ApiVersion.TryParse(text, out var version))
        {
            // "/v1/..." or "/v1.2.3/..." look like versions but are not ones Docker accepts.
            return false;
        }
        result = new VersionedPath(version, end < 0 ? "/" : path[end..], true);
        return true;
    }

    // Docker's wording, which clients show to users as is.
    public string? Check()
    {
        if (Version > ApiVersion.Max)
            return string.Create(CultureInfo.InvariantCulture, $"client version {Version} is too new. Maximum supported API version is {ApiVersion.Max}");
        if (Version < ApiVersion.Min)
            return string.Create(CultureInfo.InvariantCulture, $"client version {Version} is too old. Minimum supported API version is {ApiVersion.Min}, please upgrade your client to a newer version");
        return null;
    }
}
