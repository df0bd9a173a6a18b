using System.Globalization;
using Berth.Api.Models.Containers;
using Berth.Engine.Config;

namespace Berth.Engine.Containers;

// The log driver and json-file rotation a container gets: its own --log-driver/--log-opt, else daemon.json's
// log-driver/log-opts, else json-file rotated at 20 MiB keeping 5 files.
public sealed record LogSettings(string Driver, long MaxSize, int MaxFile)
{
    public const long DefaultMaxSize = 20L * 1024 * 1024;
    public const int DefaultMaxFile = 5;

    public static LogSettings Resolve(LogConfig? container, DaemonOptions daemon)
    {
        var driver = string.IsNullOrEmpty(container?.Type) ? daemon.LogDriver : container.Type;
        if (driver is not ("json-file" or "none"))
            throw new ContainerException(400, $"logging driver \"{driver}\" is not supported yet (json-file and none are)");
        var opts = new Dictionary<string, string>(daemon.LogOpts);
        // The container's options replace the daemon's only when it picked its own driver, as in dockerd.
        if (!string.IsNullOrEmpty(container?.Type)) opts.Clear();
        foreach (var (k, v) in container?.Config ?? []) opts[k] = v;
        long maxSize = DefaultMaxSize;
        var maxFile = DefaultMaxFile;
        foreach (var (key, value) in opts)
        {
            switch (key)
            {
                case "max-size":
                    maxSize = value == "-1" ? 0 : ParseSize(value);
                    break;
                case "max-file":
                    if (!int.TryParse(value, CultureInfo.InvariantCulture, out maxFile) || maxFile < 1)
                        throw new ContainerException(400, $"invalid value for max-file: {value}");
                    break;
                case "compress" or "labels" or "labels-regex" or "env" or "env-regex" or "tag":
                    break;
                default:
                    throw new ContainerException(400, $"unknown log opt '{key}' for {driver} log driver");
            }
        }
        return new LogSettings(driver, maxSize, maxSize == 0 ? 1 : maxFile);
    }

    // Docker's RAMInBytes: a number with an optional b/k/m/g/t suffix (binary multiples).
    public static long ParseSize(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.EndsWith('b') && t.Length > 1 && !char.IsAsciiDigit(t[^2])) t = t[..^1];
        long unit = 1;
        if (t.Length > 0 && "kmgt".Contains(t[^1]))
        {
            unit = t[^1] switch { 'k' => 1024L, 'm' => 1024L * 1024, 'g' => 1024L * 1024 * 1024, _ => 1024L * 1024 * 1024 * 1024 };
            t = t[..^1];
        }
        else if (t.EndsWith('b')) t = t[..^1];
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw new ContainerException(400, $"invalid size: '{text}'");
        return (long)(n * unit);
    }
}
