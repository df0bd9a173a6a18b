using System.Text.Json;

namespace Berth.Runtime.Standby;

// The job a pre-started process waits for: its command-line arguments as one JSON array on one line. JSON
// because an argument may hold any character but NUL, newlines included; the line end tells a whole job from
// one cut short by a writer that died.
public static class ArgumentLine
{
    public static byte[] Encode(IReadOnlyList<string> args)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var a in args) writer.WriteStringValue(a);
            writer.WriteEndArray();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // Reads one job with receive (bytes into the buffer, 0 at end of file) up to and with its newline, and decodes
    // it; null when end of file came first.
    public static string[]? Read(Func<byte[], int> receive)
    {
        var job = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = receive(buffer)) > 0)
        {
            job.Write(buffer, 0, n);
            if (buffer[n - 1] == (byte)'\n') break;
        }
        return Decode(job.ToArray());
    }

    // null when the bytes are not one complete line (the sender went away first).
    public static string[]? Decode(ReadOnlySpan<byte> line)
    {
        if (line.Length == 0 || line[^1] != (byte)'\n') return null;
        var reader = new Utf8JsonReader(line[..^1]);
        var args = new List<string>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw new RuntimeException("a standby job must be a JSON array");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String) throw new RuntimeException("a standby job holds only strings");
                args.Add(reader.GetString()!);
            }
        }
        catch (JsonException e)
        {
            throw new RuntimeException($"invalid standby job: {e.Message}");
        }
        return [.. args];
    }
}
