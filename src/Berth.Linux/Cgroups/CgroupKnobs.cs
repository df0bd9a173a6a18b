namespace Berth.Linux.Cgroups;

// The knob files of one controller in one cgroup directory. V2 says which
// file names apply (memory.max vs memory.limit_in_bytes).
internal readonly record struct CgroupKnobs(CgroupFs Fs, string Controller, string Dir, bool V2)
{
    public void Set(string file, string value) => Fs.Write(Controller, Dir, file, value);

    public int TrySet(string file, string value) => Fs.WriteRaw(Path.Combine(Dir, file), value);

    public Exception Failure(string file, string value, int errno, string? detail = null) =>
        CgroupFs.Failure(Controller, Dir, file, value, errno, detail);

    public bool Has(string file) => Fs.Exists(Path.Combine(Dir, file));

    public string? Read(string file) => Fs.ReadOrNull(Path.Combine(Dir, file))?.Trim();

    public long? ReadLong(string file) =>
        long.TryParse(Read(file), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    public ulong? ReadULong(string file) =>
        ulong.TryParse(Read(file), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    // "key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control).
    public Dictionary<string, long> ReadFlatKeyed(string file)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in (Read(file) ?? "").Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v))
                result[parts[0]] = v;
        }
        return result;
    }
}
