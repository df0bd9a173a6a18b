using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Berth.Linux.FileSystem;

namespace Berth.Runtime.Logs;

// Reads what JsonFileLogWriter wrote: the rotated files oldest first (PATH.N ... PATH.1), then PATH; with
// Follow, waits on inotify (FileSystemWatcher) for more, and moves to the new PATH when the writer rotates.
public static class JsonFileLogReader
{
    public static async IAsyncEnumerable<LogEntry> ReadAsync(string path, LogReadOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var changed = new SemaphoreSlim(0);
        using var watcher = options.Follow ? Watch(path, changed) : null;
        var backlog = new List<LogEntry>();
        foreach (var rotated in RotatedFiles(path))
        {
            foreach (var line in ReadLinesOrNone(rotated)) Add(backlog, line);
        }
        var current = OpenCurrent(path);
        var pending = new MemoryStream();
        try
        {
            if (current is not null) ReadNew(current.Value.Stream, pending, backlog);
            IEnumerable<LogEntry> first = options.Tail is { } tail && tail >= 0 && tail < backlog.Count ? backlog[^tail..] : backlog;
            foreach (var entry in first)
            {
                if (PastUntil(entry, options)) yield break;
                if (Selected(entry, options)) yield return entry;
            }
            if (!options.Follow) yield break;
            var exited = options.ContainerExited ?? Task.Delay(Timeout.Infinite, ct);
            var last = false;
            while (true)
            {
                var fresh = new List<LogEntry>();
                if (current is null)
                {
                    current = OpenCurrent(path);
                }
                if (current is { } open)
                {
                    ReadNew(open.Stream, pending, fresh);
                    if (FileStatusCalls.TryLstat(path)?.Inode != open.Inode)
                    {
                        // Rotated: the open file is complete; carry on with the new one from its start.
                        ReadNew(open.Stream, pending, fresh);
                        open.Stream.Dispose();
                        pending.SetLength(0);
                        current = OpenCurrent(path);
                        if (current is { } next) ReadNew(next.Stream, pending, fresh);
                    }
                }
                foreach (var entry in fresh)
                {
                    if (PastUntil(entry, options)) yield break;
                    if (Selected(entry, options)) yield return entry;
                }
                if (last || ct.IsCancellationRequested) yield break;
                var wake = changed.WaitAsync(ct);
                var done = await Task.WhenAny(wake, exited);
                if (ct.IsCancellationRequested) yield break;
                if (done == exited) last = true; // read once more: the writer finished before the exit was recorded
            }
        }
        finally
        {
            current?.Stream.Dispose();
        }
    }

    // Newest rotation last is the order to read them in: PATH.N first.
    private static IEnumerable<string> RotatedFiles(string path)
    {
        var files = new List<string>();
        for (var i = 1; File.Exists($"{path}.{i}"); i++) files.Add($"{path}.{i}");
        files.Reverse();
        return files;
    }

    private static IEnumerable<string> ReadLinesOrNone(string file)
    {
        try
        {
            return File.ReadAllLines(file);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    private static (FileStream Stream, ulong Inode)? OpenCurrent(string path)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = FileStatusCalls.TryLstat(path);
            if (before is null) return null;
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            if (FileStatusCalls.TryLstat(path)?.Inode == before.Value.Inode) return (stream, before.Value.Inode);
            stream.Dispose(); // rotated between the two looks
        }
        return null;
    }

    // Appends the complete lines now readable; a line still being written stays in pending.
    private static void ReadNew(FileStream stream, MemoryStream pending, List<LogEntry> into)
    {
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            var data = buffer.AsSpan(0, n);
            while (data.Length > 0)
            {
                var nl = data.IndexOf((byte)'\n');
                if (nl < 0)
                {
                    pending.Write(data);
                    break;
                }
                pending.Write(data[..nl]);
                data = data[(nl + 1)..];
                Add(into, Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length));
                pending.SetLength(0);
            }
        }
    }

    private static void Add(List<LogEntry> into, string line)
    {
        if (Parse(line) is { } entry) into.Add(entry);
    }

    // null for a line that is not a log entry (a torn write after a crash): skipped, as Docker does.
    public static LogEntry? Parse(string line)
    {
        if (line.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var log = root.TryGetProperty("log", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "";
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "stdout";
            var timeText = root.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            return GoTimestamp.TryParse(timeText, out var time) ? new LogEntry(log, stream, time, timeText) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Selected(LogEntry entry, LogReadOptions options) =>
        (entry.Stream == "stderr" ? options.Stderr : options.Stdout) && (options.Since is not { } since || entry.Time >= since);

    private static bool PastUntil(LogEntry entry, LogReadOptions options) => options.Until is { } until && entry.Time > until;

    private static FileSystemWatcher Watch(string path, SemaphoreSlim changed)
    {
        var full = Path.GetFullPath(path);
        var watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full) + "*")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
        };
        void Signal() => changed.Release();
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        watcher.Renamed += (_, _) => Signal();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
