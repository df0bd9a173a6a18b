using System.Text.Json;

namespace Berth.Engine.Networks;

// The networks on disk: <data-root>/networks/<id>.json, each written to a temp file and renamed.
public sealed class NetworkStore(string dataRoot)
{
    public string Root { get; } = Path.Combine(dataRoot, "networks");

    private string PathOf(string id) => Path.Combine(Root, id + ".json");

    public void Save(NetworkRecord record)
    {
        Directory.CreateDirectory(Root);
        var path = PathOf(record.Id);
        JsonFiles.WriteAtomically(path, record, NetworkRecordJsonContext.Default.NetworkRecord);
    }

    public (List<NetworkRecord> Records, List<string> Problems) LoadAll()
    {
        var records = new List<NetworkRecord>();
        var problems = new List<string>();
        if (!Directory.Exists(Root)) return (records, problems);
        foreach (var file in Directory.EnumerateFiles(Root, "*.json"))
        {
            try
            {
                var record = JsonSerializer.Deserialize(File.ReadAllBytes(file), NetworkRecordJsonContext.Default.NetworkRecord);
                if (record is null || record.Id + ".json" != Path.GetFileName(file)) problems.Add($"network file {file}: record does not match its name");
                else records.Add(record);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                problems.Add($"network file {file}: {e.Message}");
            }
        }
        return (records, problems);
    }

    public void Delete(string id) => File.Delete(PathOf(id));
}
