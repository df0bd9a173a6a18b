using System.Globalization;
using Berth.Engine.Config;

namespace Berth.Api;

// The daemon's log on stderr, in dockerd's logfmt style so the same tools read both.
public sealed class DaemonLog(LogLevel threshold)
{
    private readonly object _gate = new();

    public void Debug(string message) => Write(LogLevel.Debug, message);
    public void Info(string message) => Write(LogLevel.Info, message);
    public void Warn(string message) => Write(LogLevel.Warn, message);
    public void Error(string message) => Write(LogLevel.Error, message);

    private void Write(LogLevel level, string message)
    {
        if (level < threshold) return;
        var name = level switch { LogLevel.Warn => "warning", _ => level.ToString().ToLowerInvariant() };
        var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
        var escaped = message.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
        lock (_gate) Console.Error.WriteLine($"time=\"{time}\" level={name} msg=\"{escaped}\"");
    }
}
