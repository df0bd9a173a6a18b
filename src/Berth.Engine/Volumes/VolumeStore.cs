using System.Text.Json;

namespace Berth.Engine.Volumes;

// The volumes on disk, in Docker's layout: <data-root>/volumes/<name>/_data holds the content and volume.json
// beside it the metadata, written to a temp file and renamed, so a crash leaves either no volume or a whole one.
public sealed class VolumeStore(string dataRoot)
{
    private const string RecordFile = "volume.json";

    public string Root { get; } = Path.Combine(dataRoot, "volumes");

    public string DirectoryOf(string name) => Path.Combine(Root, name);

    public string DataOf(string name) => Path.Combine(Root, name, "_data");

    public void Save(VolumeRecord record)
    {
        var dir = DirectoryOf(record.Name);
        Directory.CreateDirectory(DataOf(record.Name));
        var path = Path.Combine(dir, RecordFile);
        JsonFiles.WriteAtomically(path, record, VolumeRecordJsonContext.Default.VolumeRecord);
    }

    // Every whole volume; a directory without a readable record is reported, not guessed at.
    public (List<VolumeRecord> Records, List<string> Problems) LoadAll()
    {
        var records = new List<VolumeRecord>();
        var problems = new List<string>();
        if (!Directory.Exists(Root)) return (records, problems);
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(dir);
            try
            {
                var record = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(dir, RecordFile)), VolumeRecordJsonContext.Default.VolumeRecord);
                if (record is null || record.Name != name) problems.Add($"volume {name}: record does not match its directory");
                else records.Add(record);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                problems.Add($"volume {name}: {e.Message}");
            }
        }
        return (records, problems);
    }

    // The record goes first, so a crash half way leaves a directory LoadAll skips, never a volume without its data.
    public void Delete(string name)
    {
        var dir = DirectoryOf(name);
        File.Delete(Path.Combine(dir, RecordFile));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
