using System.Text.Json;

namespace Berth.Engine.Containers;

// The container records on disk: <data-root>/containers/<id>/container.json, each written whole to a temp file
// and renamed over the old one, so every state change is atomic and containers never wait on each other's writes
// (no shared database lock on the start path). A directory without a readable record is left for the operator
// (reported by LoadAll) rather than guessed at.
public sealed class ContainerStore(string dataRoot)
{
    public string Root { get; } = System.IO.Path.Combine(dataRoot, "containers");

    public string DirectoryOf(string id) => System.IO.Path.Combine(Root, id);

    private string RecordPath(string id) => System.IO.Path.Combine(DirectoryOf(id), "container.json");

    public void Save(ContainerRecord record)
    {
        var path = RecordPath(record.Id);
        JsonFiles.WriteAtomically(path, record, ContainerRecordJsonContext.Default.ContainerRecord);
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
}
