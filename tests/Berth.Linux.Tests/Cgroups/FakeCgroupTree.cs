using Berth.Linux.Cgroups;

namespace Berth.Linux.Tests.Cgroups;

// A temporary directory laid out like /sys/fs/cgroup, with the knob files a
// test pre-creates; records every write so tests can check order and values.
internal sealed class FakeCgroupTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("berth-cgfake-").FullName;
    public RecordingFs Fs { get; } = new();

    public CgroupManager Open(string cgroupsPath, string mountInfo, string procCgroup) =>
        CgroupManager.Open(cgroupsPath, mountInfo, procCgroup, Root, Fs);

    // rel like "sys/fs/cgroup/memory/berth/t"; knobs are "name=content".
    public void Files(string rel, params string[] knobs)
    {
        var dir = Path.Combine(Root, rel);
        Directory.CreateDirectory(dir);
        foreach (var knob in knobs)
        {
            var eq = knob.IndexOf('=');
            File.WriteAllText(Path.Combine(dir, eq < 0 ? knob : knob[..eq]), eq < 0 ? "" : knob[(eq + 1)..]);
        }
    }

    public string Read(string rel) => File.ReadAllText(Path.Combine(Root, rel));

    public bool DirExists(string rel) => Directory.Exists(Path.Combine(Root, rel));

    // Writes as "dir-relative-to-root/file=value".
    public List<string> Writes => Fs.Writes.Select(w => Path.GetRelativePath(Root, w.Path) + "=" + w.Value).ToList();

    public void Dispose() => Directory.Delete(Root, recursive: true);

    internal sealed class RecordingFs : CgroupFs
    {
        public List<(string Path, string Value)> Writes { get; } = [];

        public override int WriteRaw(string path, string value)
        {
            var errno = base.WriteRaw(path, value);
            if (errno == 0) Writes.Add((path, value));
            return errno;
        }

        // Plain directories, unlike cgroupfs ones, hold real files.
        public override int RemoveDirectory(string path)
        {
            if (!Directory.Exists(path)) return 2; // ENOENT
            Directory.Delete(path, recursive: true);
            return 0;
        }
    }
}
