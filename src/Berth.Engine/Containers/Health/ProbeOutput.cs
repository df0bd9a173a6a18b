using System.Text;

namespace Berth.Engine.Containers.Health;

// The output of a probe, stdout and stderr interleaved as written, kept to the first 4096 bytes; dockerd marks a
// cut with "...".
public sealed class ProbeOutput
{
    public const int MaxBytes = 4096;
    private readonly MemoryStream _kept = new();
    private bool _truncated;

    public void Write(ReadOnlySpan<byte> data)
    {
        var room = MaxBytes - (int)_kept.Length;
        if (data.Length > room)
        {
            _truncated = true;
            data = data[..Math.Max(room, 0)];
        }
        _kept.Write(data);
    }

    public override string ToString() => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length) + (_truncated ? "..." : "");
}
