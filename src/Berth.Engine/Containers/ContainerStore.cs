using System.Text.Json;

namespace Berth.Engine.Containers;

// The container records on disk: <data-root>/containers/<id>/container.json, each written whole to a temp file
// and renamed over the old one, so every state change is atomic and containers never wait on each other's writes
// (no shared database lock on the start path). A directory without a readable record is left for the operator
// (reported by LoadAll) rather than guessed at.
//
// Durability: the rename makes each change atomic, and a killed daemon (SIGKILL included) loses nothing, since the
// written pages belong to the kernel, not the process. The fsync that guards against a power loss or kernel crash
// comes after the rename, on the deferred disk work thread, so no start, exit or remove waits for the disk; what
// such a crash can take is the last few milliseconds of state changes, which recovery reconciles anyway (a running
// container's end is in the shim's exit file, and a host crash ends every container).
public sealed class ContainerStore
{
    private readonly DeferredDiskWork _deferred;

    internal ContainerStore(string dataRoot, DeferredDiskWork deferred)
    {
        Root = System.IO.Path.Combine(dataRoot, "containers");
        RemovingRoot = System.IO.Path.Combine(dataRoot, "containers-removing");
        _deferred = deferred;
    }

    public string Root { get; }

    // Where removed containers' directories wait for their content to be deleted.
    public string RemovingRoot { get; }

    public string DirectoryOf(string id) => System.IO.Path.Combine(Root, id);

    private string RecordPath(string id) => System.IO.Path.Combine(DirectoryOf(id), "container.json");

    public void Save(ContainerRecord record)
    {
        var path = RecordPath(record.Id);
        // The record being replaced stays open until the deferred thread closes it, so the rename does not free its
        // blocks: on ext4 mounted with discard and no journal (as on this project's build machines), freeing discards the blocks
        // synchronously, in whichever call drops the last reference (0.3-2.5 ms, seen on every start and exit).
        var replaced = OpenIfExists(path);
        JsonFiles.WriteAtomically(path, record, ContainerRecordJsonContext.Default.ContainerRecord, flush: false);
        _deferred.Flush(path);
        if (replaced is not null) _deferred.Enqueue(replaced.Dispose);
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenIfExists(string path)
    {
        try { return File.OpenHandle(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }

    public (List<ContainerRecord> Records, List<string> Problems) LoadAll()
    {
        var records = new List<ContainerRecord>();
        var problems = new List<string>();
        if (!Directory.Exists(Root)) return (records, problems);
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var id = System.IO.Path.GetFileName(dir);
            if (!ContainerIds.IsFullId(id)) continue;
            try
            {
                var record = JsonSerializer.Deserialize(File.ReadAllBytes(RecordPath(id)), ContainerRecordJsonContext.Default.ContainerRecord);
                if (record is null || record.Id != id) problems.Add($"container {id}: record does not match its directory");
                else records.Add(record);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                // A create that crashed before its first save leaves a directory without a record: nothing refers to it.
                problems.Add($"container {id}: {e.Message}");
            }
        }
        return (records, problems);
    }

    public void Delete(string id)
    {
        var dir = DirectoryOf(id);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    // A removal: the directory leaves the store at once, by one rename on the same filesystem, so the record is gone
    // for a daemon that starts after this; its content (a log, an upper layer, a rootfs maybe still mounted) is
    // deleted afterwards by the caller. Returns where it went, or null when there was nothing.
    public string? Retire(string id)
    {
        var dir = DirectoryOf(id);
        if (!Directory.Exists(dir)) return null;
        Directory.CreateDirectory(RemovingRoot);
        var target = System.IO.Path.Combine(RemovingRoot, id);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(dir, target);
        return target;
    }

    // Directories a stopped or killed daemon had not finished deleting.
    public IEnumerable<string> Retired() =>
        Directory.Exists(RemovingRoot) ? Directory.EnumerateDirectories(RemovingRoot).ToList() : [];
}
