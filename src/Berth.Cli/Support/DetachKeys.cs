namespace Berth.Cli.Support;

// Docker's detach key sequences: comma-separated keys, each one character or "ctrl-X" (X a letter, @, [, \, ], ^
// or _), e.g. the default "ctrl-p,ctrl-q".
public static class DetachKeys
{
    public const string Default = "ctrl-p,ctrl-q";

    public static byte[] Parse(string keys)
    {
        var bytes = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            if (key.Length == 1)
            {
                bytes.Add((byte)key[0]);
                continue;
            }
            if (key.Length == 6 && key.StartsWith("ctrl-", StringComparison.OrdinalIgnoreCase))
            {
                var c = char.ToLowerInvariant(key[5]);
                if (c is >= 'a' and <= 'z') { bytes.Add((byte)(c - 'a' + 1)); continue; }
                var code = c switch { '@' => 0, '[' => 27, '\\' => 28, ']' => 29, '^' => 30, '_' => 31, _ => -1 };
                if (code >= 0) { bytes.Add((byte)code); continue; }
            }
            throw new UsageException($"invalid detach keys ({keys}): unknown character: '{key}'");
        }
        return bytes.ToArray();
    }
}

// Watches keyboard input for the detach sequence, as docker's escape proxy does: bytes that could begin the sequence
// are held back; the whole sequence means detach (and is never sent), a mismatch releases what was held.
public sealed class DetachKeyMatcher(byte[] sequence)
{
    private int _matched;

    // Appends to `forward` what should reach the container; true when the sequence is complete.
    public bool Feed(ReadOnlySpan<byte> input, List<byte> forward)
    {
        foreach (var b in input)
        {
            if (sequence.Length > 0 && b == sequence[_matched])
            {
                _matched++;
                if (_matched == sequence.Length)
                {
                    _matched = 0;
                    return true;
                }
                continue;
            }
            for (var i = 0; i < _matched; i++) forward.Add(sequence[i]);
            _matched = 0;
            if (sequence.Length > 0 && b == sequence[0])
            {
                _matched = 1;
                continue;
            }
            forward.Add(b);
        }
        return false;
    }
}
