using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Berth.Runtime.Logs;

// Docker's json-file driver: one JSON object per line of output, {"log":"text\n","stream":"stdout","time":"..."}.
// Output is cut at newlines; a line longer than 16 KiB is written in 16 KiB pieces without a newline, and
// whatever is left when a stream ends is written as it is. With maxSize > 0 the file rotates before a write
// once it has reached maxSize: PATH becomes PATH.1, PATH.1 becomes PATH.2, ... up to PATH.(maxFiles-1).
public sealed class JsonFileLogWriter : IDisposable
{
    public const int MaxLineBytes = 16 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _path;
    private readonly long _maxSize;
    private readonly int _maxFiles;
    private readonly Func<DateTime> _clock;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MemoryStream> _partial = [];
    private FileStream _file;
    private long _size;

    public JsonFileLogWriter(string path, long maxSize = 0, int maxFiles = 1, Func<DateTime>? clock = null)
    {
        _path = path;
        _maxSize = maxSize;
        _maxFiles = Math.Max(1, maxFiles);
        _clock = clock ?? (() => DateTime.UtcNow);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = OpenAppend();
        _size = _file.Length;
    }

    // stream: "stdout" or "stderr".
    public void Write(string stream, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (!_partial.TryGetValue(stream, out var pending)) _partial[stream] = pending = new MemoryStream();
            while (data.Length > 0)
            {
                var nl = data.IndexOf((byte)'\n');
                var room = MaxLineBytes - (int)pending.Length;
                if (nl >= 0 && nl < room)
                {
                    pending.Write(data[..(nl + 1)]);
                    data = data[(nl + 1)..];
                    Emit(stream, pending);
                }
                else if (data.Length >= room)
                {
                    pending.Write(data[..room]);
                    data = data[room..];
                    Emit(stream, pending);
                }
                else
                {
                    pending.Write(data);
                    data = default;
                }
            }
            _file.Flush();
        }
    }

    // Writes what is left of unfinished lines (the stream has ended).
    public void Flush()
    {
        lock (_lock)
        {
            foreach (var (stream, pending) in _partial)
            {
                if (pending.Length > 0) Emit(stream, pending);
            }
            _file.Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        lock (_lock) _file.Dispose();
    }

    private void Emit(string stream, MemoryStream pending)
    {
        var text = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
        pending.SetLength(0);
        var line = new MemoryStream();
        using (var json = new Utf8JsonWriter(line, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("log", text);
            json.WriteString("stream", stream);
            json.WriteString("time", GoTimestamp.Format(_clock()));
            json.WriteEndObject();
        }
        line.WriteByte((byte)'\n');
        if (_maxSize > 0 && _size >= _maxSize) Rotate();
        _file.Write(line.GetBuffer(), 0, (int)line.Length);
        _size += line.Length;
    }

    private void Rotate()
    {
        _file.Dispose();
        if (_maxFiles > 1)
        {
            for (var i = _maxFiles - 1; i > 1; i--)
            {
                var from = $"{_path}.{i - 1}";
                if (File.Exists(from)) File.Move(from, $"{_path}.{i}", overwrite: true);
            }
            File.Move(_path, _path + ".1", overwrite: true);
        }
        else
        {
            File.Delete(_path);
        }
        _file = OpenAppend();
        _size = 0;
    }

    private FileStream OpenAppend() => new(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
}
