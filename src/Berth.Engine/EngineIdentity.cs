namespace Berth.Engine;

// The daemon's ID (Docker's /info "ID"): created once per data root and kept, so it identifies the engine
// across restarts.
internal static class EngineIdentity
{
    public static string LoadOrCreate(string dataRoot)
    {
        var path = Path.Combine(dataRoot, "engine-id");
        try
        {
            var existing = File.ReadAllText(path).Trim();
            if (Guid.TryParse(existing, out _)) return existing;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { }

        Directory.CreateDirectory(dataRoot);
        var id = Guid.NewGuid().ToString();
        // Temp file + rename: a crash never leaves a half-written ID behind.
        var temp = path + ".tmp";
        File.WriteAllText(temp, id + "\n");
        File.Move(temp, path, overwrite: true);
        return id;
    }
}
