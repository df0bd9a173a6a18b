using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Runtime.State;

// The runtime's state directory (runc's --root): one folder per container holding state.json and,
// while the container is created but not started, exec.fifo.
public sealed partial class StateStore(string root)
{
    public const string DefaultRoot = "/run/berth/runtime";
    public string Root { get; } = root;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_+.-]*$")]
    private static partial Regex IdPattern();

    public static void ValidateId(string id)
    {
        if (id.Length > 1024 || !IdPattern().IsMatch(id))
        {
            throw new RuntimeException($"invalid container id \"{id}\": use letters, digits, '_', '+', '.', '-'");
        }
    }

    public string DirOf(string id) => Path.Combine(Root, id);
    // Not a container: IDs cannot start with a dot.
    public string SeccompCacheDir => Path.Combine(Root, ".seccomp");

    // Got by the runtime before it forks init, so init only loads it.
    public SeccompProgram? SeccompProgramOf(RuntimeSpec spec) =>
        spec.Linux?.Seccomp is { } seccomp ? SeccompCache.Get(seccomp, SeccompCacheDir) : null;
    public string FifoOf(string id) => Path.Combine(Root, id, "exec.fifo");

    // Claims the id atomically: mkdir fails if another create got there first.
    public string CreateDir(string id)
    {
        ValidateId(id);
        Directory.CreateDirectory(Root);
        var dir = DirOf(id);
        if (Directory.Exists(dir)) throw new RuntimeException($"container \"{id}\" already exists");
        try
        {
            Directory.CreateDirectory(Path.Combine(Root, "." + id + ".claim"));
        }
        catch (IOException)
        {
            throw new RuntimeException($"container \"{id}\" already exists");
        }
        var claim = Path.Combine(Root, "." + id + ".claim");
        try
        {
            Directory.Move(claim, dir);
        }
        catch (IOException)
        {
            Directory.Delete(claim);
            throw new RuntimeException($"container \"{id}\" already exists");
        }
        return dir;
    }

    // config.json is written first: a state.json without its spec beside it is never seen.
    public void Save(ContainerRecord record)
    {
        var dir = DirOf(record.Id);
        WriteAtomically(Path.Combine(dir, "config.json"), record.SpecJson);
        WriteAtomically(Path.Combine(dir, "state.json"), record.ToStateJson());
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    public ContainerRecord? TryLoad(string id)
    {
        ValidateId(id);
        byte[] state, spec;
        try
        {
            state = File.ReadAllBytes(Path.Combine(DirOf(id), "state.json"));
            spec = File.ReadAllBytes(Path.Combine(DirOf(id), "config.json"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return ContainerRecord.FromStateJson(state, spec);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new RuntimeException($"state of container \"{id}\" is corrupt ({DirOf(id)}/state.json); remove it with delete --force");
        }
    }

    public ContainerRecord Load(string id) =>
        TryLoad(id) ?? throw new RuntimeException($"container \"{id}\" does not exist");

    public IEnumerable<string> Ids() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.')).Order()!
            : [];

    public void Remove(string id)
    {
        var dir = DirOf(id);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
